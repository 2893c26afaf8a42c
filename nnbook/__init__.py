"""nnbook: the stage *Neural Networks from Zero* is taught on.

The subject itself is ``nnlib`` (NumPy only); this package holds the book's
machinery around it and imports nnlib, never the other way round:

=====================  ====================================================
``plotting``           the book's style, colours, figure helpers and PNG encoder
``grids``              the one coordinate grid every map is drawn on (NumPy only)
``quiz``               questions as data and the pure grader
``widgets``            quiz views and explorables (ipywidgets)
``components``         components that compute in the reader's browser
``playground``         the chapter 7 playground: engine, pictures, view
``quizbank``           every chapter's quiz questions
=====================  ====================================================

It needs matplotlib, ipywidgets and Pillow (``pip install nnlib[book]``).
"""
