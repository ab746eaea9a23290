Feature: Huey's messages
  A content editor writes what Huey says: words, pictures, book lists and pieces kept in the
  content library. Huey says them in order and, when the editor asks, waits for the child.

  Rule: Huey says what the editor wrote, filled in with what it knows

    Scenario: Huey greets a child by name
      Given a published flow where Huey greets the child by name
      When a child called "Ava" starts chatting
      Then Huey says "Welcome back, Ava!"
      And the conversation is over

    Scenario: A child Huey does not know yet is greeted without a name rather than with an error
      Given a published flow where Huey greets the child by name
      When a child starts chatting
      Then Huey says "Welcome back, !"

    Scenario: A message written in an older editor, with only plain text, is still said
      Given a published flow from an older editor where Huey says "Hello from the old days"
      When a child starts chatting
      Then Huey says "Hello from the old days"

    Scenario: Huey shows a picture with its description
      Given a published flow where Huey shows a picture described as "Huey waving hello"
      When a child starts chatting
      Then Huey shows a picture described as "Huey waving hello"

    Scenario: Huey shows the child's reading list
      Given a published flow where Huey shows the child's reading list
      When a child whose reading list holds "Wonder, Holes" starts chatting
      Then Huey shows the books "Wonder, Holes"

    Scenario: Huey shows that it is typing and pauses before speaking
      Given a published flow where Huey types for 2 seconds before saying "Hmm, let me think..."
      When a child starts chatting
      Then Huey says "Hmm, let me think..." after showing it is typing for 2 seconds

  Rule: Pieces from the content library are said only when published and visible to the child

    Background:
      Given the school "Admin UI Test School" uses Huey

    Scenario: Huey tells a joke kept in the content library
      Given the content library holds the joke "Why did the book join the police? It wanted to go undercover!"
      And a published flow where Huey tells that joke and then says "That's all for now!"
      When a child starts chatting
      Then Huey says "Why did the book join the police? It wanted to go undercover!"
      And Huey says "That's all for now!"

    Scenario: A joke still in draft is never told
      Given the content library holds the draft joke "This one is not funny yet"
      And a published flow where Huey tells that joke and then says "That's all for now!"
      When a child starts chatting
      Then Huey does not say "This one is not funny yet"
      And Huey says "That's all for now!"

    Scenario Outline: A joke kept for one school is told only to its children
      Given the content library holds the joke "Our librarian reads 300 books a year!" for "Admin UI Test School" only
      And a published flow where Huey tells that joke and then says "That's all for now!"
      When <a child> starts chatting
      Then Huey <tells or not> "Our librarian reads 300 books a year!"

      Examples:
        | a child                            | tells or not |
        | a child at "Admin UI Test School"  | says         |
        | a child                            | does not say |

  Rule: Huey waits when the editor asks it to

    Scenario: Huey waits for the child before going on
      Given a published flow where Huey says "Ready for a story?" and waits, then says "Once upon a time..."
      When a child starts chatting
      Then Huey says "Ready for a story?" and waits for the child to carry on
      And Huey does not say "Once upon a time..."
      When the child carries on
      Then Huey says "Once upon a time..."
      And the conversation is over
