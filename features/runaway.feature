Feature: A flow that runs away is stopped
  A flow that keeps going without ever waiting for the child would spin forever. Huey stops a
  turn that visits too many steps without asking anything, with an error that says so, and
  keeps the conversation as it was.

  Background:
    Given a published flow "Tick" that only notes down one more tick

  Scenario: A flow that keeps running another flow without asking anything is stopped at the start
    Given a published flow that runs "Tick" over and over without asking anything
    When a child starts chatting
    Then the conversation is stopped with the error "visited more than 250 nodes without asking anything"
    And no conversation was kept

  Scenario: A flow that runs away after a question is stopped and the question still waits
    Given a published flow that asks "Ready?" and then runs "Tick" over and over
    When a child starts chatting
    And the child answers "yes"
    Then the conversation is stopped with the error "visited more than 250 nodes without asking anything"
    And nothing Huey remembers has changed
    And Huey is still waiting for an answer to "Ready?"

  Scenario: A flow that loops a limited number of times is not stopped
    Given a published flow that runs "Tick" until it has ticked 20 times and then says "Twenty ticks!"
    When a child starts chatting
    Then Huey says "Twenty ticks!"
    And the conversation is over
