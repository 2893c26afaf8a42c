"""nnbook: the stage *Neural Networks from Zero* is taught on.

The subject itself is ``nnlib`` (NumPy only); this package holds the book's
machinery around it and imports nnlib, never the other way round:

=====================  ====================================================
``plotting``           the book's style, colours, figure helpers and PNG encoder
``grids``              the one coordinate grid every map is drawn on (NumPy only)
``quiz``               questions as data and the pure grader
``quiz_html``          quiz texts as HTML, and the static page's quiz component
``widgets``            quiz views and explorables (ipywidgets)
``components``         components that compute in the reader's browser
``live``               explorables computed in the page: the shared show(), activation curves
``live_neurons``       the XOR line, one neuron, a neuron's boundary, the perceptron
``live_gradients``     gradients through depth, softmax temperature
``live_architecture``  the architecture builder and its parameter count
``live_training``      explorables that train in the page (dead ReLU units)
``playground``         the chapter 7 playground: engine, pictures, view
``quizbank``           every chapter's quiz questions
``progress``           the progress page of quiz scores
``side_by_side``       many small curve fits trained at once (seed statistics)
``session``            what a chapter tells the student about its live session
=====================  ====================================================

It needs matplotlib, ipywidgets and Pillow (``pip install nnlib[book]``).
"""
