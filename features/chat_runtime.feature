Feature: Chatting with Huey
  Children talk to Huey the Bookbot through the chat widget on their school's page. Each
  answer moves the conversation on exactly once, only the child's own chat page can answer
  for them, and anything garbled is turned away without touching the conversation.

  Background:
    Given the "Huey Bookbot" flow is published for "Admin UI Test School"

  Rule: A child holds a conversation with Huey

    Scenario: A child starts a chat and Huey greets them
      When a child at "Admin UI Test School" starts a chat with Huey
      Then Huey says "Hello there, I'm Huey the Bookbot! 🤓"
      And Huey offers the choice "Hello Huey! 👋"
      And the chat shows Huey's own colours

    Scenario: A child's answer moves the conversation on
      Given a child at "Admin UI Test School" is chatting with Huey
      When the child says "hello"
      Then Huey asks "Shall we find some books at Admin UI Test School? 📚"

    Scenario: An answer Huey did not offer is asked again
      Given a child at "Admin UI Test School" is chatting with Huey
      When the child says "banana"
      Then Huey asks the same question again
      And the conversation has not changed

  Rule: One answer counts once

    Scenario: A second device answering the same question at once is refused
      Given a child at "Admin UI Test School" is chatting with Huey on two devices
      When both devices answer "hello" at the same moment
      Then exactly one answer is accepted
      And the other device is told the chat has moved on

    Scenario: A repeated request changes nothing
      Given a child at "Admin UI Test School" is chatting with Huey
      When the child's answer "hello" is sent twice because the network hiccuped
      Then Huey replies the same both times
      And the conversation moved on only once

    Scenario: The copy of a reply kept for retries is let go after a day
      Given a child at "Admin UI Test School" is chatting with Huey
      And the child's answer "hello" was sent twice because the network hiccuped
      When the chat service tidies up an hour later
      Then Huey still keeps its reply in case the answer is retried
      When the chat service tidies up a day later
      Then Huey no longer keeps that reply
      And the conversation is still there, history and all

  Rule: Only the chat's own page can change it

    Scenario: A stranger without the chat's proof is refused
      Given a child at "Admin UI Test School" is chatting with Huey
      When a page on another site tries to answer "hello" for the child
      Then the stranger is refused
      And the conversation has not changed

    Scenario: A chat nobody started cannot be found
      When someone tries to continue a chat that does not exist
      Then they are told there is no such chat

  Rule: Garbled messages are refused and nothing is stored

    Scenario Outline: A widget sending <what> is told what is wrong
      Given a child at "Admin UI Test School" is chatting with Huey
      When the widget sends <what>
      Then the widget is told the problem is with <part>
      And the conversation has not changed

      Examples:
        | what                                   | part                   |
        | a garbled message                      | the whole message      |
        | a message with no answer in it         | the answer             |
        | a message whose revision is not a number | the revision         |
        | a message bigger than a megabyte       | the whole message      |

  Rule: Finished chats stay finished

    Scenario: A closed chat takes no more answers
      Given a child at "Admin UI Test School" is chatting with Huey
      When the child closes the chat
      And the child says "hello"
      Then the child is told the chat has already ended

  Rule: Administrators look after conversations

    Scenario: A school administrator sees their school's chats and a student does not
      Given a child at "Admin UI Test School" is chatting with Huey
      When the school's administrator lists the school's conversations
      Then they see the child's conversation
      When a student asks for the list of conversations
      Then the student is refused
