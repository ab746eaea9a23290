"""The project's own demo data set: Riverbend Primary, its people and theme, a little CMS
content, and two flows ("Reading Buddy" and the engine's own "Book Finder").

Written for this project (not the shared fixtures), in the same file formats, so it also
shows what ``chatbot import`` and ``chatbot import-content`` accept. ``chatbot seed``
loads it; ``chatbot serve`` loads it into an empty embedded database on first run.
"""
