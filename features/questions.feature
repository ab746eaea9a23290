Feature: Huey's questions
  Huey asks a child something and remembers the answer for later in the conversation. An
  answer that does not fit the question is refused: Huey explains what is wrong and asks the
  same question again, and nothing it remembers changes.

  Rule: Every kind of question accepts a fitting answer and remembers it

    Scenario Outline: A fitting answer to <kind> is remembered
      Given a published flow where Huey asks "<question>" as <kind>
      When a child starts chatting
      Then Huey asks "<question>"
      When the child answers "<answer>"
      Then Huey says "Thanks!"
      And Huey remembers <remembered>

      Examples:
        | kind                                    | question                          | answer           | remembered                        |
        | a name of at least 2 letters            | What is your name?                | Ava              | the text "Ava"                    |
        | a number between 5 and 13               | How old are you?                  | 9                | the number 9                      |
        | a number between 5 and 13               | How old are you?                  | 7.5              | the number 7.5                    |
        | an email address                        | What is your teacher's email?     | ms.lee@school.nz | the text "ms.lee@school.nz"       |
        | a phone number                          | What is your home phone number?   | +64 3 555 0199   | the text "+64 3 555 0199"         |
        | a date                                  | When is your birthday?            | 2016-03-02       | the text "2016-03-02"             |
        | a slider from 1 to 10                   | How much do you like reading?     | 7                | the number 7                      |
        | a choice of Cats, Dogs or Dragons       | Which pet would you like?         | Dragons          | the option "Dragons"              |
        | a choice of Cats, Dogs or Dragons       | Which pet would you like?         | dragons          | the option "Dragons"              |
        | several choices of Cats, Dogs or Dragons | Which pets would you like?       | Cats, Dragons    | the options "Cats" and "Dragons"  |
        | pictures of Cats, Dogs or Dragons       | Which picture do you like most?   | Dogs             | the option "Dogs" with its picture |
        | a carousel of Cats, Dogs or Dragons     | Which cover do you like most?     | Cats             | the option "Cats" with its picture |

    Scenario: A web address is remembered as the child typed it
      Given a published flow where Huey asks "What is your class blog's address?" as a web address
      When a child starts chatting
      And the child gives the address of their class blog
      Then Huey says "Thanks!"
      And Huey remembers the address of their class blog

    Scenario: A chosen option keeps everything the editor attached to it
      Given a published flow where Huey asks "How old are you?" with the ages 8, 9 and 10 to choose from
      When a child starts chatting
      And the child answers "9"
      Then Huey remembers the child's age as the number 9 from the chosen option

    Scenario: An optional question may be left blank
      Given a published flow where Huey asks "Do you have a nickname?" as an optional name
      When a child starts chatting
      And the child answers nothing
      Then Huey says "Thanks!"
      And Huey remembers nothing for the answer

  Rule: An answer that does not fit is refused and the same question is asked again

    Scenario Outline: <kind> refuses "<bad answer>"
      Given a published flow where Huey asks "<question>" as <kind>
      When a child starts chatting
      And the child answers "<bad answer>"
      Then Huey asks "<question>" again, explaining "<explanation>"
      And nothing Huey remembers has changed
      And Huey does not say "Thanks!"

      Examples:
        | kind                                     | question                          | bad answer     | explanation                                                   |
        | a name of at least 2 letters             | What is your name?                | A              | Please write at least 2 characters.                           |
        | a name of at least 2 letters             | What is your name?                |                | Please give an answer.                                        |
        | a number between 5 and 13                | How old are you?                  | twelve         | Please enter a number.                                        |
        | a number between 5 and 13                | How old are you?                  | 14             | Please enter a number no bigger than 13.                      |
        | a number between 5 and 13                | How old are you?                  | 4              | Please enter a number of at least 5.                          |
        | an email address                         | What is your teacher's email?     | ms lee         | Please enter a valid email address.                           |
        | a phone number                           | What is your home phone number?   | call me maybe  | Please enter a valid phone number.                            |
        | a web address                            | What is your class blog's address? | my blog       | Please enter a web address starting with http:// or https://. |
        | a date                                   | When is your birthday?            | next Tuesday   | Please enter a date like 2024-05-31.                          |
        | a slider from 1 to 10                    | How much do you like reading?     | 11             | Please enter a number no bigger than 10.                      |
        | a choice of Cats, Dogs or Dragons        | Which pet would you like?         | Unicorns       | Please choose one of the options.                             |
        | several choices of Cats, Dogs or Dragons | Which pets would you like?        | Cats, Unicorns | Please choose one of the options.                             |
        | pictures of Cats, Dogs or Dragons        | Which picture do you like most?   | Unicorns       | Please choose one of the options.                             |
        | a carousel of Cats, Dogs or Dragons      | Which cover do you like most?     | Unicorns       | Please choose one of the options.                             |
        | a class code like 3B                     | What is your class?               | three          | That doesn't look right. Please try again.                    |

    Scenario: The editor's own explanation is used when an answer does not fit
      Given a published flow where Huey asks "How old are you?" as a number between 5 and 13, explaining mistakes with "Ages go from 5 to 13"
      When a child starts chatting
      And the child answers "99"
      Then Huey asks "How old are you?" again, explaining "Ages go from 5 to 13"
      And nothing Huey remembers has changed

    Scenario: After a refused answer a fitting one is accepted
      Given a published flow where Huey asks "How old are you?" as a number between 5 and 13
      When a child starts chatting
      And the child answers "twelve"
      And the child answers "12"
      Then Huey says "Thanks!"
      And Huey remembers the number 12

  Rule: A question may come from the content library, and each option may lead its own way

    Scenario: Huey asks a question whose words are kept in the content library
      Given the content library holds the question "What is your favourite animal?"
      And a published flow where Huey asks that question, offering Cats or Dogs
      When a child starts chatting
      Then Huey asks "What is your favourite animal?"
      And the child can choose "Cats" or "Dogs"

    Scenario Outline: Each pet leads to its own reply
      Given a published flow where Huey asks "Which pet would you like?" and replies to each pet its own way
      When a child starts chatting
      And the child answers "<pet>"
      Then Huey says "<reply>"

      Examples:
        | pet     | reply               |
        | Cats    | Purr-fect choice!   |
        | Dogs    | Woof! Good choice!  |
        | Dragons | Watch your eyebrows! |

  Rule: Preference questions are drawn at random, suited to the child, and never repeated

    Background:
      Given the content library holds picture questions for ages 5 to 8: "Tea party or pirate ship?", "Puppies or kittens?"
      And the content library holds picture questions for ages 9 to 14: "Spies or wizards?", "Space or sea?", "Robots or dinosaurs?"
      And a published flow where Huey asks three random picture questions suited to the child's age

    Scenario: A ten-year-old is asked three different questions for their age
      When a child aged 10 starts chatting
      And the child picks the first picture each time Huey asks
      Then Huey asked "Spies or wizards?", "Space or sea?" and "Robots or dinosaurs?" in some order
      And Huey remembers the three questions it showed

    Scenario: Several children get the questions in different orders, each without repeats
      When 6 children aged 10 each answer all of Huey's picture questions
      Then no child was asked the same question twice
      And not every child was asked the same question first

    Scenario: Questions a child already saw in an earlier conversation are not asked again
      Given a published flow where Huey asks one random picture question the child has not seen before
      When a child aged 10 who has already seen "Spies or wizards?" and "Space or sea?" starts chatting
      Then Huey asks "Robots or dinosaurs?"

    Scenario: Once a child has seen every question for their age, the questions start over
      Given a published flow where Huey asks one random picture question the child has not seen before
      When a child aged 10 who has already seen "Spies or wizards?", "Space or sea?" and "Robots or dinosaurs?" starts chatting
      Then Huey asks one of "Spies or wizards?", "Space or sea?" and "Robots or dinosaurs?"
      And Huey remembers only that question as seen
