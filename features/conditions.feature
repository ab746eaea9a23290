Feature: Huey chooses a way through the conversation
  A content editor writes rules that send a child one way or another: as an expression, or in
  the older rule format that flows brought over from earlier tools still use. The first rule
  that holds picks the way; when none holds, Huey takes the way the editor marked as default.

  Rule: Either way of writing a rule sends the child the same way

    Scenario Outline: A <age>-year-old is sent to the <shelf> when the rule is written <written>
      Given a published flow that asks the child's age and sends children of 13 or over to the teen shelf, with the rule written <written>
      When a child starts chatting
      And the child answers "<age>"
      Then Huey says "Welcome to the <shelf>!"

      Examples: An expression
        | written                     | age  | shelf              |
        | as an expression            | 13   | teen shelf         |
        | as an expression            | 12   | picture book corner |
        | as an expression            | 12.5 | picture book corner |
        | as an expression            | 40   | teen shelf         |

      Examples: The older rule format
        | written                     | age  | shelf              |
        | in the older rule format    | 13   | teen shelf         |
        | in the older rule format    | 12   | picture book corner |
        | in the older rule format    | 12.5 | picture book corner |

      Examples: A rule on the way out of the question
        | written                     | age  | shelf              |
        | on the way out              | 13   | teen shelf         |
        | on the way out              | 12   | picture book corner |

  Rule: Rules compare, look inside lists and combine, in both ways of writing them

    Background:
      Given a child who is 9, likes "Fantasy" and "Mystery", and has not told Huey their name

    Scenario Outline: Huey checks whether <rule>, written <written>
      Given a published flow that says "Yes" when <rule> and "No" otherwise, written <written>
      When the child starts chatting
      Then Huey says "<answer>"

      Examples: The older rule format
        | rule                                  | written                  | answer |
        | the child is 9                        | in the older rule format | Yes    |
        | the child is not 9                    | in the older rule format | No     |
        | the child is older than 8             | in the older rule format | Yes    |
        | the child is at least 10              | in the older rule format | No     |
        | the child is younger than 10          | in the older rule format | Yes    |
        | the child is at most 8                | in the older rule format | No     |
        | the child's age is one of 8, 9 and 10 | in the older rule format | Yes    |
        | the child likes Fantasy               | in the older rule format | Yes    |
        | the child likes Horror                | in the older rule format | No     |
        | Huey knows the child's name           | in the older rule format | No     |
        | the child is 9 and likes Mystery      | in the older rule format | Yes    |
        | the child is 12 or likes Horror       | in the older rule format | No     |
        | the child is not younger than 9       | in the older rule format | Yes    |

      Examples: Expressions
        | rule                                  | written                  | answer |
        | the child is 9                        | as an expression         | Yes    |
        | the child is not 9                    | as an expression         | No     |
        | the child is older than 8             | as an expression         | Yes    |
        | the child is at least 10              | as an expression         | No     |
        | the child is younger than 10          | as an expression         | Yes    |
        | the child is at most 8                | as an expression         | No     |
        | the child's age is one of 8, 9 and 10 | as an expression         | Yes    |
        | the child likes Fantasy               | as an expression         | Yes    |
        | the child likes Horror                | as an expression         | No     |
        | Huey knows the child's name           | as an expression         | No     |
        | the child is 9 and likes Mystery      | as an expression         | Yes    |
        | the child is 12 or likes Horror       | as an expression         | No     |
        | the child is not younger than 9       | as an expression         | Yes    |
        | the child likes at least two genres   | as an expression         | Yes    |

  Rule: The first rule that holds picks the way, and the default takes the rest

    Scenario Outline: A <age>-year-old is offered <books>
      Given a published flow that offers picture books under 8, chapter books under 12, and young adult books by default
      When a child starts chatting
      And the child answers "<age>"
      Then Huey says "Try some <books>!"

      Examples:
        | age | books            |
        | 6   | picture books    |
        | 8   | chapter books    |
        | 11  | chapter books    |
        | 12  | young adult books |
        | 15  | young adult books |

    Scenario: When no rule holds and the editor left no other way, the conversation ends
      Given a published flow that only says "Welcome to the teen shelf!" to children of 13 or over
      When a child starts chatting
      And the child answers "9"
      Then Huey does not say "Welcome to the teen shelf!"
      And the conversation is over
