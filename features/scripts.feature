Feature: Scripts that run in the child's browser
  Some steps run as a small script in the chat widget itself (a celebration, a reading-speed
  check). Huey never runs the script: it hands it to the child's browser with what it needs,
  waits for the result, and keeps only the results the editor declared.

  Background:
    Given a published flow where the child's browser runs a celebration script that reports a score and a badge

  Scenario: Huey hands the script to the browser and waits for it
    When a child called "Ava" starts chatting
    Then the child's browser is asked to run the celebration script for "Ava"
    And Huey waits for the script's result
    And Huey does not say "Well done!"

  Scenario: Only the results the editor declared are kept
    When a child called "Ava" starts chatting
    And the browser reports a score of 42, the badge "Star reader", and that the child is a teacher
    Then Huey says "You scored 42 and earned Star reader!"
    And Huey remembers the score as the number 42
    And Huey does not remember that the child is a teacher

  Scenario: A script that fails sends the conversation down the failure path
    When a child called "Ava" starts chatting
    And the browser reports that the script failed
    Then Huey says "The celebration did not work, but well done anyway!"
    And Huey does not say "You scored 42 and earned Star reader!"

  Scenario: A result that is not a set of named results is refused
    When a child called "Ava" starts chatting
    And the browser reports something that is not a set of named results
    Then Huey explains "a script result must be an object of outputs" and waits for the script's result again
    And nothing Huey remembers has changed
