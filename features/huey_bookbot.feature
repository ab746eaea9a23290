Feature: Huey the Bookbot finds books for a child
  Huey greets a child, learns their age, how well they read and what kind of stories they like,
  then asks the school's library for books. The real Huey flows run here unchanged.

  Background:
    Given the Huey Bookbot is published for "Admin UI Test School"

  Scenario: A nine-year-old picks three pictures, hears there are no books yet, and says goodbye
    When a child at "Admin UI Test School" starts chatting
    Then Huey says "Hello there, I'm Huey the Bookbot! 🤓"
    When the child taps "Hello Huey! 👋"
    Then Huey asks "Shall we find some books at Admin UI Test School? 📚"
    When the child taps "Yes, find books! 🤩"
    Then Huey asks "How old are you?"
    When the child says they are 9
    Then Huey asks "Which of these books is closest to what you can read by yourself?"
    When the child taps "The 13-Storey Treehouse"
    Then Huey says "Now for the fun part! I'm going to show you some pictures. 😄"
    And Huey shows pictures to choose from
    When the child picks the first picture of each of the three picture questions
    Then no picture question was shown twice
    And Huey says "OK, I'm looking for books you'll love..." and waits for the child to carry on
    When the child carries on
    Then Huey says "I'm sorry, I couldn't find any books right now. But don't worry - ask your teacher or librarian for recommendations!"
    And Huey asks "What would you like to do?"
    When the child taps "I'm done, thanks! 👋"
    Then Huey says "Thanks for chatting with me! See you next time! 👋"
    And the conversation is over
    And Huey remembers the child is 9 and reads at the "TREEHOUSE" level
    And Huey remembers the child's five strongest story preferences from their pictures
    And Huey's own bookkeeping never reaches the child

  Scenario: The library recommends a book and Huey shows it
    Given the school library recommends "The Wild Robot"
    When a child at "Admin UI Test School" has chatted up to the book search
    And the child carries on
    Then Huey says "I found 1 books for you! 📚"
    And Huey shows the books "The Wild Robot"
    And the library was asked for books for a 9-year-old who reads at the "TREEHOUSE" level

  Scenario: A child who wants more books starts again from the greeting
    When a child at "Admin UI Test School" has chatted up to the book search
    And the child carries on
    Then Huey asks "What would you like to do?"
    When the child taps "Find more books! 📚"
    Then Huey says "Hello there, I'm Huey the Bookbot! 🤓"
    And Huey offers "Hello Huey! 👋" to tap

  Scenario: A child who gives an age Huey did not offer is asked again
    When a child at "Admin UI Test School" starts chatting
    And the child taps "Hello Huey! 👋"
    And the child taps "Yes, find books! 🤩"
    And the child answers "forty"
    Then Huey asks "How old are you?" again, explaining "Please choose one of the options."
    And nothing Huey remembers has changed
