Feature: Huey's bookkeeping
  Between what Huey says, a flow quietly keeps notes about the child: it remembers values,
  counts, forgets, adds up preferences and asks the library service for facts. None of this
  bookkeeping is ever shown to the child.

  Rule: A remembered value keeps its kind

    Scenario: A chosen age is remembered as a number, and a label made from it as words
      Given a published flow that asks the child's age from 8, 9 and 10 and notes it down
      When a child starts chatting
      And the child answers "9"
      Then Huey remembers the child's age as the number 9
      And Huey remembers the label "Age 9" as words
      And Huey remembers the age in a list as the number 9
      And Huey's own bookkeeping never reaches the child

  Rule: Counts go up and down

    Scenario Outline: A child who had read <before> books <change>
      Given a published flow that <change> the books the child has read and says how many
      When a child who has read <before> books starts chatting
      Then Huey says "You have read <after> books!"

      Examples:
        | before | change          | after |
        | 2      | adds 1 to       | 3     |
        | 2      | adds 3 to       | 5     |
        | 5      | takes 1 from    | 4     |
        | 5      | takes 2 from    | 3     |
        | no     | adds 1 to       | 1     |

  Rule: Huey can forget

    Scenario: Huey forgets a nickname the child no longer wants
      Given a published flow that forgets the child's nickname
      When a child called "Ava" with the nickname "Bookworm" starts chatting
      Then Huey no longer remembers the child's nickname
      And Huey still remembers the child is called "Ava"

  Rule: Preferences add up into a profile

    Scenario: Three picked pictures add up to a profile whose two strongest parts are kept
      Given a published flow that adds up the child's picture scores and keeps their two strongest preferences
      When a child who scored these pictures starts chatting
        | picture | funny | spooky | brave |
        | Dragons |       | 0.8    | 0.5   |
        | Hero    |       |        | 0.8   |
        | Clowns  | 0.9   | 0.2    |       |
      Then Huey's profile of the child is
        | preference | score |
        | funny      | 0.9   |
        | spooky     | 1.0   |
        | brave      | 1.3   |
      And Huey remembers the child's two strongest preferences as "brave" and "spooky"

    Scenario: The older form adds up the pages of the books a child has read
      Given a published flow that adds up the pages the child has read, written in the older form
      When a child who has read books of 120, 250 and 80 pages starts chatting
      Then Huey says "That is 450 pages!"

  Rule: Huey asks the library service for facts, and copes when it does not answer

    Scenario: The library service answers and Huey passes the fact on
      Given the library service says the school has 12 books about "dragons"
      And a published flow that asks the library service how many books there are about the child's topic
      When a child interested in "dragons" starts chatting
      Then Huey says "Your library has 12 books about dragons!"
      And the library service was asked about "dragons"
      And Huey remembers the library service's whole answer
      And Huey's own bookkeeping never reaches the child

    Scenario: The library service does not answer and Huey takes the failure path
      Given the library service is not answering
      And a published flow that asks the library service how many books there are about the child's topic
      When a child interested in "dragons" starts chatting
      Then Huey says "I can't reach the library right now."
      And Huey does not say "Your library has 12 books about dragons!"
      And Huey remembers that the library service did not answer

    Scenario: The library service does not answer and Huey uses the editor's stand-in answer
      Given the library service is not answering
      And a published flow that asks the library service how many books there are, with a stand-in answer of 0 books
      When a child interested in "dragons" starts chatting
      Then Huey says "Your library has 0 books about dragons!"
