Feature: Publishing a flow
  A content editor's changes reach children only when the flow is published. Publishing checks
  the whole flow first: a problem that would break a conversation refuses publishing and says
  where it is and how to fix it; a likely mistake is only a warning, and the flow goes live.

  Rule: A flow with a problem that would break a conversation is not published

    Scenario Outline: A flow with <problem> is refused
      Given a content editor has written a flow "Quiz" with <problem>
      When the content editor publishes it
      Then publishing is refused because "<reason>"
      And the refusal says where the problem is and how to fix it
      And children cannot start the "Quiz" flow

      Examples:
        | problem                                          | reason                                                     |
        | a question that stores its answer nowhere        | The question stores its answer nowhere.                    |
        | an answer stored in the conversation's own facts | writes the read-only 'session' scope                       |
        | a choice question with nothing to choose from    | question has no options to choose from                     |
        | a webhook with a password in its address         | The webhook URL contains a credential                      |
        | a webhook that calls the server itself           | a local or private address the server must never reach     |
        | a loop that never asks the child anything        | asks for no input, so it would never stop                  |
        | a step that runs a flow that does not exist      | exists to run as a composite                               |
        | a rule that cannot be understood                 | The CEL expression does not compile                        |
        | a rule that reads Huey's private bookkeeping     | The expression reads the engine's private 'system' scope.  |

    Scenario: A way out that leads to a step that is not there cannot even be saved
      When a content editor saves a flow "Quiz" with a way out that leads to a step that is not there
      Then saving is refused because "is not a node of this flow"
      And children cannot start the "Quiz" flow

    Scenario: The version children are using keeps running when a broken change is refused
      Given the "Quiz" flow is published asking "How old are you?"
      And a content editor has changed the "Quiz" flow to have a question that stores its answer nowhere
      When the content editor publishes it
      Then publishing is refused because "The question stores its answer nowhere."
      When a child starts chatting
      Then Huey asks "How old are you?"

    Scenario: Checking a flow lists every problem at once without publishing it
      Given a content editor has written a flow "Quiz" with a question that stores its answer nowhere and a rule that cannot be understood
      When the content editor checks it
      Then the check finds 2 problems that block publishing
      And children cannot start the "Quiz" flow

  Rule: Likely mistakes are warnings and the flow is still published

    Scenario Outline: A flow with <mistake> is published with a warning
      Given a content editor has written a flow "Quiz" with <mistake>
      When the content editor publishes it
      Then the flow is published with the warning "<warning>"
      When a child starts chatting
      Then Huey says "Hello!"

      Examples:
        | mistake                                   | warning                                       |
        | a choice question with a single option    | A choice question offers a single option.     |
        | a webhook over plain, unencrypted web     | The webhook uses plain HTTP                   |
        | a webhook that may wait 200 seconds       | outside the recommended 1–120 s               |
        | a step that nothing leads to              | No path from the entry node leads to          |
        | a rule with no way to go when it fails    | When no condition holds the flow stops here   |
