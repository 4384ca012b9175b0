"""chronology: curated, source-cited event chronologies.

Load the bundled chronology of Kazakhstan's citizens in the Syrian conflict and
their return, or any data file in the same format:

>>> import chronology
>>> c = chronology.load()
>>> c[0].date.precision.name in {"YEAR", "MONTH", "DAY"}
True

This module imports nothing heavy: jsonschema is imported only when a file is
validated, and matplotlib only when rendering.
"""

from __future__ import annotations

from .aliases import Aliases as Aliases
from .chronology import Chronology as Chronology
from .dates import DateInterval as DateInterval
from .dates import EventDate as EventDate
from .dates import PartialDate as PartialDate
from .dates import Precision as Precision
from .errors import ChronologyError as ChronologyError
from .errors import DateError as DateError
from .errors import InvalidChronologyError as InvalidChronologyError
from .model import Category as Category
from .model import Citation as Citation
from .model import Era as Era
from .model import Event as Event
from .model import Figure as Figure
from .model import Place as Place
from .model import Source as Source
from .problems import Problem as Problem
from .problems import Severity as Severity
from .resources import bundled_path as bundled_path
from .validate import load as load
from .validate import validate as validate

#: The version of the package (and of the bundled chronology it carries).
__version__ = "0.1.0"

__all__ = [
    "Aliases",
    "Category",
    "Chronology",
    "ChronologyError",
    "Citation",
    "DateError",
    "DateInterval",
    "Era",
    "Event",
    "EventDate",
    "Figure",
    "InvalidChronologyError",
    "PartialDate",
    "Place",
    "Precision",
    "Problem",
    "Severity",
    "Source",
    "__version__",
    "bundled_path",
    "load",
    "validate",
]
