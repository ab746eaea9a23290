Feature: Service health
  Operators and load balancers ask the chatbot service whether it is alive and whether it
  can hold conversations, so that readers are only sent to a service that will answer.

  Scenario: A running service with its database reports ready
    Given the chatbot service is running
    When an operator checks whether it is ready
    Then it reports ready

  Scenario: A running service reports that it is alive
    Given the chatbot service is running
    When an operator checks whether it is alive
    Then it reports alive

  Scenario: A service that cannot reach its database reports not ready but stays alive
    Given the chatbot service is running but its database is unreachable
    When an operator checks whether it is ready
    Then it reports not ready because the database is not answering
    When an operator checks whether it is alive
    Then it reports alive
