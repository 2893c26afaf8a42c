"""nnbook: the stage *Neural Networks from Zero* is taught on.

The subject itself is ``nnlib`` (NumPy only); this package holds the book's
machinery around it and imports nnlib, never the other way round:

=====================  ====================================================
``plotting``           the book's style, colours and figure helpers
``quiz``               questions as data and the pure grader
``widgets``            quiz views and explorables (ipywidgets)
``components``         components that compute in the reader's browser
``playground``         the chapter 7 playground: engine, pictures, view
``quizbank``           every chapter's quiz questions
``session``            what a chapter tells the student about its live session
=====================  ====================================================

It needs matplotlib, ipywidgets and Pillow (``pip install nnlib[book]``).
"""
