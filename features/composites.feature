Feature: Flows made of other flows
  A content editor reuses a whole flow as one step of another, like Huey's profile, preference
  and recommendation parts. A reused flow either shares what Huey knows about the child, or
  receives named inputs and hands back named outputs, keeping its own working notes private.
  When it ends, the conversation carries on where the outer flow left off.

  Rule: Without named inputs and outputs, the reused flow shares what Huey knows

    Scenario: A reused flow reads the child's name and leaves the answer for the outer flow
      Given a published flow "Favourite colour" that asks "What is your favourite colour?" and says "Nice choice, Ava!" using the child's name
      And a published flow that greets the child, runs "Favourite colour", and then says which colour the child likes
      When a child called "Ava" starts chatting
      Then Huey says "Hi Ava, let me ask you something."
      And Huey asks "What is your favourite colour?"
      When the child answers "green"
      Then Huey says "Nice choice, Ava!", then "So you like green."
      And the conversation is over

  Rule: With named inputs and outputs, only what is named goes in and comes back

    Scenario: A reused flow doubles the number it is given and hands back only the result
      Given a published flow "Doubler" that doubles its input number, keeps working notes, and produces a result and a remark
      And a published flow that asks for a number, runs "Doubler" with it, and takes back only the result
      When a child starts chatting
      And the child answers "21"
      Then Huey says "Doubling 21...", then "Twice 21 is 42."
      And Huey remembers the doubled number as the number 42
      And the reused flow's working notes and remark are nowhere in what Huey remembers
      And the conversation is over

  Rule: Reused flows can themselves reuse flows, and the conversation returns through each

    Scenario: A question three flows deep is answered and each flow finishes in turn
      Given a published flow "Inner" that asks "Are you ready?" and then says "Inner part done."
      And a published flow "Middle" that runs "Inner" and then says "Middle part done."
      And a published flow "Outer" that runs "Middle" and then says "All done!"
      When a child starts chatting
      Then Huey asks "Are you ready?"
      When the child answers "yes"
      Then Huey says "Inner part done.", then "Middle part done.", then "All done!"
      And the conversation is over

    Scenario: A conversation inside a reused flow keeps the version it began with
      Given a published flow "Inner" that asks "Are you ready?" and then says "Inner part done."
      And a published flow "Outer" that runs "Inner" and then says "All done!"
      When a child starts chatting
      And a content editor publishes "Inner" again, now saying "A brand new ending."
      And the child answers "yes"
      Then Huey says "Inner part done.", then "All done!"
      And Huey does not say "A brand new ending."
