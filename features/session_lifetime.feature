Feature: How long a conversation lasts
  A conversation belongs to whoever holds its token, and it does not last for ever. A child who
  comes back the same day carries on where they left off; a conversation left idle for the rest
  of the day lapses, and its token then opens nothing and reveals nothing.

  Background:
    Given a published flow where Huey asks "What is your name?" and then says "Nice to meet you!"

  Scenario: A child who comes back within the day carries on
    When a child starts chatting
    And the child comes back 7 hours later
    And the child answers "Ava"
    Then Huey says "Nice to meet you!"

  Scenario: A conversation left idle for the rest of the day lapses
    When a child starts chatting
    And the child comes back 9 hours later
    And the child answers "Ava"
    Then Huey does not recognise the conversation
    And the child cannot read back the conversation either
