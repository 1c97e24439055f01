"""The engine: reads apps and archives, finds tracker SDKs, explains what they can collect.

Pure Python; never imports PySide6 or ``ui`` (a test enforces it).
"""

__version__ = "0.1.0"
