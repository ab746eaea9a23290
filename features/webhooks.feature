Feature: Huey calls outside services
  A flow may ask an outside service something (the weather, a school system) and use the
  answer. When the service fails or is too slow, Huey takes the editor's error path or uses
  the editor's stand-in answer. Keys for those services stay secret: they are filled in only
  when the call is made and are never kept with the conversation.

  Background:
    Given a published flow that asks the weather service about the child's city

  Scenario: The weather service answers and Huey passes the forecast on
    Given the weather service says it is "sunny" in "Christchurch"
    When a child in "Christchurch" starts chatting
    Then Huey says "It is sunny in Christchurch today."
    And the weather service was asked about "Christchurch"
    And the call may take 10 seconds and is tried up to 2 more times
    And Huey's own bookkeeping never reaches the child

  Scenario Outline: When the weather service <fails>, Huey takes the error path
    Given the weather service <fails>
    When a child in "Christchurch" starts chatting
    Then Huey says "The weather service is not answering, so take an umbrella!"
    And Huey does not say "It is sunny in Christchurch today."
    And Huey remembers nothing about the sky

    Examples:
      | fails                   |
      | answers with an error   |
      | does not answer in time |
      | cannot be reached       |

  Scenario: When the weather service fails, the editor's stand-in answer is used
    Given a published flow that asks the weather service about the child's city, with "cloudy" as a stand-in answer
    And the weather service does not answer in time
    When a child in "Christchurch" starts chatting
    Then Huey says "It is cloudy in Christchurch today."

  Scenario: The service key is filled in only when the call is made, and never kept
    Given the secret store holds the weather service key
    And the weather service says it is "sunny" in "Christchurch"
    When a child in "Christchurch" starts chatting
    Then the call Huey hands over names the weather service key without holding it
    And the weather service key appears nowhere in the conversation's state, history or replies
