"""Generate realistic, deterministic chronologies for benchmarks and tests.

A generated chronology looks like a curated one: events clustered in time (a few
busy months, as real chronologies have), every date form of the data format,
titles in English, Russian and Kazakh that name who, where and how many, as a
curator's do (some with characters that are special to matplotlib and TeX:
``$ \\ { } % _ ^ # & ~``), declared categories, places, actors, tags, figures,
``related`` links to earlier events, and one to three citations per event whose
quotes are copied from the generated source texts (``seeds/*.txt``), sometimes
across line breaks, curly quotes and dashes, so that ``chronology validate``
checks them the way it checks real ones. As in a real chronology, few events look
like duplicates of others (warning W001): titles seldom share most of their words,
and two events seldom cite the same passage.

The same arguments always give the same bytes; ``errors=K`` adds K realistic
mistakes (see :data:`MISTAKES`) to a copy of the same chronology, each in a
different event.

Run it as ``python -m benchmarks.generate N OUTDIR [--seed S] [--errors K]``, or::

    >>> generated = generate(3, seed=1)
    >>> len(generated.data["events"]), sorted(generated.seeds)[0].startswith("seeds/")
    (3, True)
"""

# ruff: noqa: RUF001 - the Cyrillic letters in the texts are meant

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

__all__ = ["MISTAKES", "GeneratedChronology", "Mistake", "generate", "main", "write"]

# --------------------------------------------------------------------------- results


@attrs.frozen
class Mistake:
    """One mistake put into a generated chronology on purpose.

    ``code`` is the problem code ``chronology validate`` reports for it (at least
    once; a mistake may cause more than one problem).
    """

    kind: str
    event_id: str
    code: str
    description: str


@attrs.frozen
class GeneratedChronology:
    """A generated data file and the source texts it cites.

    ``events_yaml`` is the text of ``events.yaml``; ``seeds`` maps each source
    file's path, relative to the data file's folder (``seeds/000_....txt``), to
    its text; ``data`` is what ``events_yaml`` holds, as plain values; and
    ``mistakes`` lists the mistakes made on purpose (none unless ``errors``).
    """

    events_yaml: str
    seeds: dict[str, str]
    data: dict[str, Any] = attrs.field(repr=False)
    mistakes: tuple[Mistake, ...] = ()


# --------------------------------------------------------------------------- content

FIRST_DAY = dt.date(2011, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)

#: When events happen: (first day, last day, weight). Real chronologies are lumpy:
#: a busy year of departures, the months of the Zhusan operation, the Rusafa
#: operation, and the week of the January 2022 protests.
CLUSTERS: tuple[tuple[dt.date, dt.date, int, tuple[str, ...]], ...] = (
    (FIRST_DAY, LAST_DAY, 40, ()),
    (dt.date(2013, 9, 1), dt.date(2014, 12, 31), 12, ("foreign-fighters", "conflict", "media")),
    (dt.date(2019, 1, 1), dt.date(2019, 6, 30), 20, ("repatriation", "rehabilitation", "policy")),
    (dt.date(2019, 11, 1), dt.date(2021, 3, 31), 10, ("repatriation", "rehabilitation")),
    (dt.date(2022, 1, 2), dt.date(2022, 1, 20), 8, ("protest", "justice", "media")),
    (dt.date(2022, 1, 4), dt.date(2022, 1, 7), 10, ("protest", "justice")),
)

CATEGORIES: dict[str, tuple[str, str]] = {
    "foreign-fighters": (
        "Foreign fighters",
        "Citizens of Kazakhstan who travelled to Syria and Iraq to join armed groups.",
    ),
    "conflict": ("Conflict", "The war in Syria and Iraq and the armed groups fighting in it."),
    "repatriation": (
        "Repatriation",
        "Operations that brought citizens home from Syria and Iraq, among them Жусан and Rusafa.",
    ),
    "rehabilitation": (
        "Rehabilitation",
        "Centres, programmes and specialists helping returnees to reintegrate.",
    ),
    "justice": ("Justice", "Arrests, prosecutions, sentences and court rulings."),
    "protest": ("Protest", "Public protests and demonstrations, and what happened during them."),
    "policy": ("Policy", "Decisions, laws and programmes of governments and their officials."),
    "research": ("Research", "Reports, surveys and studies about radicalisation and return."),
    "media": ("Media & online", "Videos, posts and coverage: 100% of the counts are as reported."),
}

TAGS = (
    "women",
    "children",
    "returnees",
    "zhusan",
    "rusafa",
    "prison",
    "social-media",
    "deradicalisation",
    "courts",
    "statistics",
    "un",
    "ngo",
    "january-2022",
    "families",
    "online",
)


@attrs.frozen
class _Place:
    name: str
    country: str
    region: str | None = None
    lat: float | None = None
    lon: float | None = None


PLACES: dict[str, tuple[_Place, ...]] = {
    "kz": (
        _Place("Almaty", "KZ", None, 43.2389, 76.8897),
        _Place("Nur-Sultan", "KZ", None, 51.1694, 71.4491),
        _Place("Ақтөбе", "KZ", "Ақтөбе облысы", 50.2839, 57.167),
        _Place("Шымкент", "KZ", None, 42.3417, 69.5901),
        _Place("Атырау", "KZ", "Atyrau Region"),
        _Place("Қарағанды", "KZ", "Karaganda Region", 49.8047, 73.1094),
        _Place("Pavlodar", "KZ", None, 52.2873, 76.9674),
        _Place("Taraz", "KZ", "Жамбыл облысы"),
        _Place("Zhanaozen", "KZ", "Mangystau Region", 43.3412, 52.8619),
        _Place("Aktau", "KZ", None, 43.6481, 51.1722),
        _Place("Taldykorgan", "KZ"),
        _Place("Semey", "KZ", "Abai Region", 50.4111, 80.2275),
        _Place("Oskemen", "KZ", "East Kazakhstan Region"),
        _Place("Kostanay", "KZ", None, 53.2144, 63.6246),
        _Place("Petropavl", "KZ", "North Kazakhstan Region"),
        _Place("Kokshetau", "KZ"),
        _Place("Түркістан", "KZ", "Түркістан облысы", 43.2973, 68.2518),
        _Place("Kyzylorda", "KZ", None, 44.8488, 65.4823),
        _Place("Oral", "KZ", "West Kazakhstan Region"),
        _Place("Ekibastuz", "KZ"),
        _Place("Temirtau", "KZ", "Karaganda Region"),
        _Place("Жезқазған", "KZ"),
        _Place("Kentau", "KZ"),
        _Place("Balkhash", "KZ", None, 46.8481, 74.995),
        _Place("Kulsary", "KZ", "Atyrau Region"),
        _Place("Beyneu", "KZ", "Mangystau Region"),
        _Place("Saryagash", "KZ"),
        _Place("Arys", "KZ", "Turkistan Region"),
        _Place("Kaskelen", "KZ"),
        _Place("Talgar", "KZ", "Almaty Region"),
        _Place("Esik", "KZ"),
        _Place("Rudny", "KZ", "Kostanay Region"),
        _Place("Stepnogorsk", "KZ"),
        _Place("Konaev", "KZ", "Almaty Region", 43.8667, 77.0667),
        _Place("Shchuchinsk", "KZ"),
        _Place("Lisakovsk", "KZ"),
        _Place("Zhetisay", "KZ"),
        _Place("Aral", "KZ", "Kyzylorda Region"),
    ),
    "abroad": (
        _Place("Istanbul", "TR", None, 41.0082, 28.9784),
        _Place("Gaziantep", "TR"),
        _Place("Ankara", "TR", None, 39.9334, 32.8597),
        _Place("Moscow", "RU", None, 55.7558, 37.6173),
        _Place("Bishkek", "KG", None, 42.8746, 74.5698),
        _Place("Tashkent", "UZ"),
        _Place("Dushanbe", "TJ"),
        _Place("Geneva", "CH", None, 46.2044, 6.1432),
        _Place("Vienna", "AT"),
        _Place("Brussels", "BE", None, 50.8503, 4.3517),
        _Place("Strasbourg", "FR"),
        _Place("The Hague", "NL"),
        _Place("Berlin", "DE", None, 52.52, 13.405),
        _Place("Warsaw", "PL"),
        _Place("Stockholm", "SE"),
        _Place("New York", "US", "New York", 40.7128, -74.006),
        _Place("Washington", "US", "District of Columbia"),
        _Place("London", "GB"),
        _Place("Doha", "QA"),
        _Place("Abu Dhabi", "AE"),
    ),
    "war": (
        _Place("Raqqa", "SY", None, 35.9594, 39.0078),
        _Place("al-Hol camp", "SY", "Al-Hasakah Governorate", 36.3767, 41.1489),
        _Place("Roj camp", "SY", "Al-Hasakah Governorate"),
        _Place("Idlib", "SY"),
        _Place("Baghdad", "IQ", None, 33.3152, 44.3661),
        _Place("Mosul", "IQ", "Nineveh Governorate", 36.335, 43.1189),
        _Place("Deir ez-Zor", "SY", None, 35.3359, 40.1408),
        _Place("Hasakah", "SY", "Al-Hasakah Governorate"),
        _Place("Qamishli", "SY", "Al-Hasakah Governorate", 37.0522, 41.2317),
        _Place("Manbij", "SY", "Aleppo Governorate"),
        _Place("Kobani", "SY"),
        _Place("Tabqa", "SY", "Raqqa Governorate"),
        _Place("Baghuz", "SY", "Deir ez-Zor Governorate"),
        _Place("Aleppo", "SY", None, 36.2021, 37.1343),
        _Place("Tal Afar", "IQ", "Nineveh Governorate"),
        _Place("Fallujah", "IQ", "Al Anbar Governorate"),
        _Place("Kirkuk", "IQ"),
        _Place("Erbil", "IQ", "Kurdistan Region", 36.1911, 44.0092),
    ),
}

ACTORS = (
    "Ministry of Internal Affairs",
    "National Security Committee (KNB)",
    "General Prosecutor's Office",
    "Ministry of Information and Social Development",
    "UNICEF",
    "UNODC",
    "OSCE Programme Office",
    "Ақниет",
    "Қазақстан Республикасы Ішкі істер министрлігі",
    "Supreme Court of Kazakhstan",
    "Akimat of Almaty",
    "Strong Cities Network",
    "Human Rights Watch",
    "Aigerim S. (pseudonym)",
    "Нұрлан Б.",
    "Dana K., psychologist",
    "Asel Zh. (returnee)",
    "Ерлан Т., имам",
    "Gulnara M.",
    "Syrian Democratic Forces",
)

AUTHORS = (
    "Ksenia Bondal",
    "Aida Nurmaganbetova",
    "Айгүл Сейтқали",
    "Dmitry Petrov",
    "Noah Tucker",
    "Гульнара Ахметова",
    "Talgat K.",
    "Sarah Miller",
    "Ержан Әбдіғали",
)


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split(" "))


#: Made-up people for titles and quotes: given names (men's, women's) and family names
#: (men's form; women's add an "a"), in Latin and Cyrillic letters. Any likeness to a
#: real person is chance.
MEN = _names(
    "Aidos Askar Bauyrzhan Daniyar Yerlan Nurlan Serik Timur Marat Zhanibek Arman Kanat Dauren "
    "Yerzhan Olzhas Ruslan Azamat Galym Abylai Berik Dias Yerbol Kairat Miras Nurbol Rustem "
    "Sanzhar Talgat Yersultan Zhandos"
)
WOMEN = _names(
    "Aigerim Aliya Dinara Gulnara Zhanar Saule Madina Asel Kamila Aizhan Ainur Botagoz Laura "
    "Meruert Togzhan Zarina Dana Assem Akmaral Aruzhan Balnur Gaukhar Indira Karlygash Moldir "
    "Nazgul Raushan Symbat Tomiris Ulzhan"
)
FAMILIES = _names(
    "Abenov Akhmetov Baimukhanov Dzhaksybekov Yesimov Zhakupov Ibraimov Kassymov Mukanov "
    "Nurpeisov Omarov Sadykov Tokhtarov Utegenov Zhumabayev Seitkaliev Amanov Bekturov Dosanov "
    "Yergaliev Iskakov Kenzhebayev Mamyrov Orazbayev Rakhimov Sultanov Tulegenov Zhanuzakov "
    "Kuanyshev Baitasov Abdrakhmanov Bekmukhametov Duisenov Yeleusizov Zhunusov Kaliyev "
    "Mussin Nauryzbayev Satpayev Temirkhanov"
)
MEN_CYR = _names(
    "Айдос Асқар Бауыржан Данияр Ерлан Нұрлан Серік Тимур Марат Жәнібек Арман Қанат Дәурен Ержан "
    "Олжас Руслан Абылай Берік Диас Ербол Қайрат Мирас Санжар Талғат"
)
WOMEN_CYR = _names(
    "Айгерім Әлия Динара Гүлнара Жанар Сәуле Мадина Әсел Камила Айжан Айнұр Ботагөз Меруерт "
    "Тоғжан Зарина Дана Ақмарал Аружан Гауһар Индира Қарлығаш Мөлдір Назгүл Томирис"
)
FAMILIES_CYR = _names(
    "Абенов Ахметов Баймұханов Есімов Жақыпов Ибраимов Қасымов Мұқанов Нұрпейісов Омаров Садықов "
    "Тохтаров Өтегенов Жұмабаев Сейтқалиев Аманов Бектұров Досанов Ерғалиев Исқақов Кенжебаев "
    "Мамыров Оразбаев Рахимов Сұлтанов Төлегенов Қуанышев Байтасов Дүйсенов Жүнісов"
)

#: Who acts in titles and quotes: organisations, by their English names.
ORGANISATIONS = (
    "the Ministry of Internal Affairs",
    "the National Security Committee (KNB)",
    "the General Prosecutor's Office",
    "the Ministry of Information and Social Development",
    "the Ministry of Justice",
    "the Ministry of Education",
    "the Ministry of Foreign Affairs",
    "the Ministry of Health",
    "the Committee for Religious Affairs",
    "the Financial Monitoring Agency",
    "the Ombudsman's Office",
    "the Commissioner for Children's Rights",
    "the Kazakhstan Bureau for Human Rights",
    "UNICEF",
    "UNODC",
    "UNHCR",
    "the ICRC",
    "IOM",
    "the OSCE Programme Office",
    "the Council of Europe",
    "the Strong Cities Network",
    "Human Rights Watch",
    "the Ақниет centre",
    "the Supreme Court",
    "the Senate",
    "the Mazhilis",
)

REGIONS = (
    "Abai Region",
    "Akmola Region",
    "Aktobe Region",
    "Almaty Region",
    "Atyrau Region",
    "East Kazakhstan",
    "Jambyl Region",
    "Jetisu Region",
    "Karaganda Region",
    "Kostanay Region",
    "Kyzylorda Region",
    "Mangystau Region",
    "North Kazakhstan",
    "Pavlodar Region",
    "Turkistan Region",
    "Ulytau Region",
    "West Kazakhstan",
)

TRANSIT = (
    "Istanbul",
    "Gaziantep",
    "Antalya",
    "Tbilisi",
    "Baku",
    "Dubai",
    "Moscow",
    "Bishkek",
    "Urfa",
    "Hatay",
    "Cairo",
    "Tashkent",
)

TRADES = (
    "a sewing workshop",
    "a bakery",
    "a small cafe",
    "a beauty salon",
    "a tailor's shop",
    "a day nursery",
    "a grocery stall",
    "a carpet workshop",
    "a language school",
    "a flower shop",
)

REGIONS_RU = (
    "Актюбинская область",
    "Алматинская область",
    "Атырауская область",
    "Жамбылская область",
    "Карагандинская область",
    "Костанайская область",
    "Кызылординская область",
    "Мангистауская область",
    "Павлодарская область",
    "Туркестанская область",
    "Западно-Казахстанская область",
    "Восточно-Казахстанская область",
)

REGIONS_KK = (
    "Ақтөбе облысы",
    "Алматы облысы",
    "Атырау облысы",
    "Жамбыл облысы",
    "Қарағанды облысы",
    "Қостанай облысы",
    "Қызылорда облысы",
    "Маңғыстау облысы",
    "Павлодар облысы",
    "Түркістан облысы",
    "Батыс Қазақстан облысы",
    "Шығыс Қазақстан облысы",
)

#: Publishers: (id stem, name, domain, language weights en/ru/kk).
PUBLISHERS = (
    ("caravanserai", "Caravanserai (central.asia-news.com)", "central.asia-news.com", "en"),
    ("rferl", "RFE/RL", "www.rferl.org", "en"),
    ("azattyq", "Азаттық радиосы", "www.azattyq.org", "kk"),
    ("tengrinews", "Tengrinews.kz", "tengrinews.kz", "ru"),
    ("vlast", "Vlast.kz", "vlast.kz", "ru"),
    ("eurasianet", "Eurasianet", "eurasianet.org", "en"),
    ("hrw", "Human Rights Watch", "www.hrw.org", "en"),
    ("kazinform", "Kazinform", "www.inform.kz", "ru"),
    ("the-diplomat", "The Diplomat", "thediplomat.com", "en"),
    ("un-news", "UN News", "news.un.org", "en"),
    ("egemen", "Egemen Qazaqstan", "egemen.kz", "kk"),
    ("informburo", "Informburo.kz", "informburo.kz", "ru"),
)

SOURCE_TITLES = {
    "en": (
        "Kazakhstan brings home {n} citizens from Syria",
        "How {city} helps returnees rebuild their lives",
        "Kazakh specialists focus on the radicalisation of women",
        "Out of the camps: a year after Operation {op}",
        "Courts, camps and children: Kazakhstan's returnees",
        "Kazakhstan battles female radicalisation",
    ),
    "ru": (
        "Как в Казахстане реабилитируют вернувшихся из Сирии",
        "Операция «{op}»: что известно о вернувшихся",
        "В {city} открылся центр адаптации",
    ),
    "kk": (
        "Сириядан оралғандар: бір жылдан кейін",
        "«{op}» операциясы: {n} азамат елге оралды",
    ),
}

FILLERS = {
    "en": (
        "The ministry did not respond to a request for comment.",
        "Names have been changed to protect the families.",
        "The programme is funded from the state budget and by international donors.",
        "Experts say that reintegration takes years, not months.",
        "Many of the women were taken to Syria by their husbands.",
        "Relatives in {city} had not heard from them for years.",
        "Local officials said that more support would be needed.",
        "The children now attend ordinary schools.",
        "Some returnees declined to be interviewed for this article.",
        "The figures could not be independently verified.",
        'One mother called it "the longest wait of my life" -- and she was not alone.',
    ),
    "ru": (
        "Имена героев изменены.",
        "В министерстве не ответили на запрос редакции.",
        "Эксперты отмечают, что реинтеграция занимает годы.",
        "Эти данные не удалось проверить независимо.",
        "Родственники в городе {city} годами ничего о них не знали.",
    ),
    "kk": (
        "Кейіпкерлердің есімдері өзгертілген.",
        "Сарапшылардың айтуынша, бейімделу ұзақ уақыт алады.",
        "Министрлік сұрауға жауап бермеді.",
        "Бұл деректерді тәуелсіз тексеру мүмкін болмады.",
    ),
}


@attrs.frozen
class _Topic:
    """A kind of event: its category, how it is titled, summarised and quoted.

    Titles name who (a made-up person, with a role, or an organisation), where and
    how many, as a curator's titles do, so that two events of one kind rarely get
    titles alike; so do quotes, so that two events rarely cite the same passage.
    ``details`` are what a title may add to set its event apart, when it fits."""

    category: str
    titles: tuple[str, ...]
    summary: str
    quotes: tuple[str, ...]
    ru_quotes: tuple[str, ...]
    kk_quotes: tuple[str, ...]
    tags: tuple[str, ...]
    places: str
    figure: tuple[str, str] | None = None
    details: tuple[str, ...] = ()


TOPICS = (
    _Topic(
        "foreign-fighters",
        (
            "{n} residents of {city} left for Syria, {person} of {org} says",
            "Family of {person} leaves {city} for Syria via {transit}",
            "{person} of {org}: {approx}{n} people from {region} are in Syria",
            "Recruiter's video reaches {n} viewers in {city}, says {person}",
            "{person}, {age}, leaves {city} for Syria with {k} children",
            "Relatives of {person} in {city} ask {org} for news",
            "{person} and {k} others from {region} cross into Syria via {transit}",
            "Border guards in {city} stop {person} on the way to {transit}",
            "{name}: число выехавших в Сирию из города {city} — {n}",
            "{city}: {name} Сирияға кеткен {n} адам туралы айтты",
        ),
        "Citizens from {city} travelled to Syria; the source puts the number who left at "
        "{approx}{n}.",
        (
            "{When}, {approx}{n} citizens of Kazakhstan left for Syria from {city}, according to "
            "{person} of {org}.",
            "{When}, {person} travelled from {city} to Syria through {transit} with {k} children.",
            "Officials in {region} estimated {when} that {approx}{n} residents, {k} of them from "
            "{city}, were in Syria and Iraq.",
        ),
        (
            "По данным КНБ, из города {city} в Сирию выехали {n} граждан Казахстана.",
            "Родственники из города {city} выехали в Сирию через {transit}, рассказал(а) {name}.",
        ),
        (
            "{city} қаласынан Сирияға {n} адам кеткен, деді {name}.",
            "{name} туыстарының {transit} арқылы Сирияға кеткенін айтты.",
        ),
        ("families", "women", "children", "statistics"),
        "kz",
        ("citizens who left for Syria", "people"),
        ("after a search of {k} months", "a second case in {region}", "relatives speak out"),
    ),
    _Topic(
        "conflict",
        (
            "Fighting near {city} traps the family of {person} from {home}",
            "Camp at {city}: {person} among {approx}{n} women and children",
            "{Org} delegation meets {person} at {camp}",
            "{person} and {k} children moved from {city} to {camp}",
            "Shelling near {city}: relatives of {person} in {home} lose contact",
            "{person}, held at {camp}, writes to relatives in {home}",
            "Fighting ends near {city}; analyst {person} counts {n} people displaced",
            "{name}: {camp} лагерінде {n} қазақстандық қалды",
            "Лагерь {camp}: {name} и ещё {n} граждан ждут возвращения",
        ),
        "Fighting in Syria affected citizens of Kazakhstan held in the area; about {n} people "
        "were reported in the camps.",
        (
            "{When}, fighting around {city} trapped the family of {person}, their relatives in "
            "{home} said.",
            "The last territory the group held near {city} fell {when}, and {person} counted {n} "
            "people leaving it.",
            "Some {n} women and children from Kazakhstan, {person} among them, were held in the "
            "camp at {city}.",
        ),
        (
            "В лагере {camp} остаются {n} граждан Казахстана, сообщил(а) {name}.",
            "Бои в районе {city} продолжались {k} недель, родственники из города {home} не "
            "могли связаться с {name}.",
        ),
        ("{camp} лагерінде {n} қазақстандық бар, деді {name}.",),
        ("families", "women", "children"),
        "war",
        ("women and children in the camp", "people"),
        ("relatives in {home} wait", "{k} of them children"),
    ),
    _Topic(
        "repatriation",
        (
            "Operation {op}: {person} among {n} citizens returned to {city}",
            "Operation {op}, phase {k}: {person} among {n} flown to {city}",
            "{op}: {c} children flown to {city}; paediatrician {person} examines them",
            "«{op}» операциясы: {name} және {n} азамат {city} қаласына оралды",
            "{person} and {n} others reach {city} as Operation {op} continues, most of them "
            "women and children from the camps in north-east Syria",
            "Plane with {n} returnees lands in {city}; {person} meets {k} relatives",
            "{person} of {org} registers {c} children returned in Operation {op}",
            "Grandmother {woman} meets {k} grandchildren from {camp} in {city}",
            "Операция «{op}»: {name} среди вернувшихся в город {city}, всего их {n}",
        ),
        "Operation {op} brought {n} citizens home from Syria, {c} of them children; they were "
        "taken to an adaptation centre in {city}.",
        (
            "{When}, {approx}{n} citizens of Kazakhstan, {person} among them, were brought home "
            "from {camp} to {city} in Operation {op}.",
            "The plane carrying {n} people, including {c} children, landed in {city} {when}, "
            "{person} of {org} said.",
            "Phase {k} of the operation -- the largest so far -- returned {n} people to {city}, "
            "{person} said.",
        ),
        (
            "В ходе операции «{op}» в город {city} вернули {n} граждан, среди них {name}.",
            "{name} встретил(а) в аэропорту города {city} {k} родственников из лагеря {camp}.",
        ),
        (
            "«{op}» операциясы барысында {city} қаласына {n} азамат қайтарылды, деді {name}.",
            "{name} {camp} лагерінен оралған {k} туысын қарсы алды.",
        ),
        ("returnees", "children", "women", "zhusan", "rusafa"),
        "kz",
        ("citizens brought home", "people"),
        ("flight {k} of the year", "after {days} days of checks", "{c} of them children"),
    ),
    _Topic(
        "rehabilitation",
        (
            "Rehabilitation centre for {n} people opens in {city} under {person}",
            "{city} қаласында {n} орындық оңалту орталығы ашылды, директоры {name}",
            "{n} returnees complete a {k}-week course in {city} led by {person}",
            "Psychologist {person} works with {c} children in {city}",
            "{city}: {name} жүргізген оңалту бағдарламасына {n} әйел қатысты",
            "Theologian {person} holds {k} meetings with {n} returnees in {region}",
            "Imam {man} joins the {city} programme for {n} returnees",
            "Returnee {woman} opens {trade} in {city} with {k} employees",
            "Children from {camp} start school in {city}; teacher {person} reports",
            "Центр адаптации в городе {city}: психолог {name} и {n} подопечных",
        ),
        "A centre in {city} began working with returnees from Syria: psychologists, "
        "theologians and social workers, with places for {n} people.",
        (
            "A rehabilitation centre for returnees opened in {city} {when}, with places for "
            "{n} people and {person} as its director.",
            "Psychologists, imams and social workers have worked with {c} children in {city} "
            "since their return, {person} said.",
            "About {pct} percent of the {n} women who came back to {region} have found work, "
            "{person} said.",
        ),
        (
            "В центре адаптации в городе {city} с {n} вернувшимися работают психологи и "
            "теологи, рассказал(а) {name}.",
        ),
        (
            "{city} қаласындағы оңалту орталығында {n} адаммен психологтар мен теологтар "
            "жұмыс істейді, деді {name}.",
        ),
        ("deradicalisation", "returnees", "ngo", "children"),
        "kz",
        ("returnees in the programme", "people"),
        ("supported by {org}", "centre number {k}", "{c} of them children"),
    ),
    _Topic(
        "justice",
        (
            "Court in {city} sentences {k} returnees; judge {person} presides",
            "{n} suspects detained in {city}, prosecutor {person} says",
            "Supreme Court upholds the {years}-year sentence of {person} from {city}",
            "Суд в городе {city}: приговор {k} вернувшимся, судья — {name}",
            "{city} соты: {name} ісі бойынша {k} адам бас бостандығынан айырылды",
            "Lawyer {person} appeals a {years}-year sentence in {city}",
            "{person} released on parole in {city} after {years} years",
            "Appeal court in {region} cuts {person}'s sentence to {years} years",
            "Prosecutor {person} opens {k} cases on recruitment in {city}",
            "{person} of {city} acquitted of {k} charges after {days} days",
        ),
        "A court in {city} heard the cases of returnees; {k} men were sentenced and {n} people "
        "were questioned.",
        (
            "The court in {city} sentenced {k} returning men to prison terms of up to {years} "
            "years {when}, judge {person} presiding.",
            "{When}, {n} people were detained in {city} on suspicion of recruiting for armed "
            "groups, prosecutor {person} said.",
            "Lawyer {person} said that the appeal of the {k} men from {city} would be heard in "
            "{region}.",
        ),
        ("Суд города {city} приговорил {k} вернувшихся мужчин к лишению свободы, судья — {name}.",),
        ("{city} соты {k} адамды бас бостандығынан айырды, деді {name}.",),
        ("courts", "prison", "returnees"),
        "kz",
        ("people detained", "people"),
        ("in a closed hearing", "after {days} days of hearings", "case {k} of the year"),
    ),
    _Topic(
        "protest",
        (
            "{n} protesters gather in {city}; akim {person} comes out to them",
            "Internet shut down in {city} for {hours} hours, {person} says",
            "{n} mothers of large families protest in {city}; {woman} speaks",
            "{city}: {n} detained after a rally, lawyer {person} says",
            "{city} қаласындағы митинг: {n} адам ұсталды, дейді {name}",
            "Journalist {person} held for {hours} hours after filming in {city}",
            "{person} of {org} calls for an inquiry into events in {city}",
            "Curfew in {city} lifted after {days} days, akim {person} says",
            "Hospital in {city} treats {n} people; doctor {person} describes the night",
            "Rally in {city}: {person} and {n} others questioned",
            "Митинг в городе {city}: задержанных — {n}, сообщает {name}",
        ),
        "Protesters gathered in {city}; the authorities cut the internet and detained {approx}"
        "{n} people.",
        (
            "{When}, several thousand people gathered on the main square of {city}, {person} "
            "told reporters.",
            "Internet access was cut in {city} {when} for {hours} hours, and {approx}{n} people "
            "were detained there.",
            "Mothers of large families, {woman} among them, protested outside the akimat in "
            "{city}, demanding support for {n} families.",
        ),
        (
            "На площади в городе {city} собрались несколько тысяч человек, задержаны {n} человек, "
            "сообщил(а) {name}.",
        ),
        ("{city} қаласының алаңына бірнеше мың адам жиналды, {n} адам ұсталды, деді {name}.",),
        ("january-2022", "women", "online"),
        "kz",
        ("people detained", "people"),
        ("on day {k} of the protests", "{n} still held", "as {org} reports"),
    ),
    _Topic(
        "policy",
        (
            "Deputy minister {person} presents a {kzt}-tenge programme for {region}",
            "Programme for {year}\u2013{year2}: akim {person} gets {kzt} tenge for {city}",
            "{person}: President orders the return of {c} children from {camp}",
            "{name}: Қазақстан {camp} лагерінен {c} баланы қайтарады",
            "Akim {person} approves {n} places in support centres of {region}",
            "Deputy {person} from {city} proposes {k} amendments on returnees",
            "Ombudsman {person} visits {n} returnees in {city}",
            "{person} of {org} signs a plan for {n} families in {region}",
            "Правительство: {name} представил(а) программу для {region_ru} на {year}\u2013{year2}",
        ),
        "The government approved a programme against religious extremism for {year}-{year2}, "
        "with a budget of {kzt} tenge.",
        (
            "{When}, the government approved a programme against religious extremism for "
            "{year}-{year2}, with {kzt} tenge for {region}.",
            "{Org} was instructed to bring home {c} children of Kazakh citizens held in "
            "{camp}, {person} said.",
            "Akim {person} said that {n} places in support centres would open in {city} by "
            "{year2}.",
        ),
        (
            "Правительство утвердило программу на {year}-{year2} годы, {region_ru} получит "
            "{kzt} тенге, сообщил(а) {name}.",
        ),
        (
            "Үкімет {year}-{year2} жылдарға {kzt} теңге бөлді, {region_kk} үлесі {pct} пайыз, "
            "деді {name}.",
        ),
        ("children", "un"),
        "abroad",
        ("programme budget", "KZT"),
        ("for {n} families", "after {k} readings", "supported by {org}"),
    ),
    _Topic(
        "research",
        (
            "Survey of {n} returnees in {region}: {pct} percent in work",
            "Researcher {person} publishes a report on {n} women from {region}",
            "Webinar: {person} and {k} experts on rehabilitation in {city}",
            "Исследование в городе {city}: работу нашли {pct}% из {n} вернувшихся",
            "{Org} study of {n} families in {city}, edited by {person}, published",
            "Sociologist {person}: {pct} percent of {n} respondents trust the programme",
            "Conference in {abroad} hears {person} on returnees from {region}",
            "{name}: {region_kk} бойынша {n} әйелдің {pct} пайызы жұмыс тапты",
        ),
        "A study based on interviews with {n} returnees reported that {pct} percent had found "
        "work within a year.",
        (
            "According to the survey of {n} returnees in {region}, {pct} percent had found "
            "work within a year.",
            "The report by {person}, published {when}, is based on interviews with {n} women "
            "who returned to {city}.",
            "Participants of the webinar, {person} among them, discussed the rehabilitation of "
            "{n} returnees in {city}.",
        ),
        ("По данным исследования {name}, {pct}% из {n} вернувшихся женщин нашли работу.",),
        ("{name} зерттеуі бойынша, {n} әйелдің {pct} пайызы жұмыс тапты.",),
        ("statistics", "women", "un", "ngo"),
        "abroad",
        ("people interviewed", "people"),
        ("supported by {org}", "{n} interviews", "second edition"),
    ),
    _Topic(
        "media",
        (
            "Video from {camp}: relatives in {city} recognise {person}",
            "Director {person} releases a documentary about {k} returnees from {city}",
            "Blogger {person} of {city} questioned over a post seen by {n} people",
            "Telegram channel in {city} run by {person} gains {n} subscribers",
            "{Org} removes {n} accounts after a complaint by {person}",
            "Podcast with returnee {woman} from {city} reaches {n} listeners",
            "Видео из лагеря {camp}: {name} узнал(а) родственников из города {city}",
        ),
        "A video about Kazakh citizens in Syria spread online and was viewed {views} times.",
        (
            "{When}, a video appeared online in which {k} men from {region} urged others to "
            "join them, {person} said.",
            "The video from {camp} was viewed more than {views} times within a week, {person} "
            "told {org}.",
            "Blogger {person} from {city} said that the post had been seen by {n} people.",
        ),
        ("Видео из лагеря {camp} набрало более {views} просмотров, рассказал(а) {name}.",),
        ("{camp} лагерінен түсірілген бейнені {views} адам көрді, деді {name}.",),
        ("social-media", "online"),
        "kz",
        ("video views", "views"),
        ("{views} views in a week", "taken down after {days} days", "in {k} languages"),
    ),
)

#: Titles with characters that matplotlib's mathtext and TeX treat specially.
SPECIAL_TITLES = (
    ("research", "Survey of {n} in {city}: {pct}% of returnees found work"),
    ("policy", "Budget of ${m} million for {k} centres in {region}, {person} says"),
    ("policy", "Grant to {city} grows from ${a}M to ${b}M in {year}, says {person}"),
    ("media", "Telegram channel {{Жусан}} of {person} in {city} posts {n} videos"),
    ("media", "Hashtag #Жусан_{year} by {person} trends; views reach 10^{e}"),
    ("media", "Leaked slide \\textbf{{Rehabilitation}} from {city}; {person} comments"),
    ("justice", "Case file C:\\Cases\\{year}\\{person}_{n}.docx leaked in {city}"),
    ("research", "Report: ~{pct}% of children in {city} are under 7 & {n} are teenagers"),
    ("repatriation", 'Operation "Жусан" \u2014 {person} and {n} others home; {pct}% children'),
    ("research", "Risk score $x_{k}^2$ above {pct}% for {n} cases in {city}"),
    ("policy", "Cost per returnee in {city}: ${m}k (~{pct}% of $9k); budget_{year} {{draft}}"),
)

NOTES = (
    "The day is the curator's inference from the article's publication date.",
    "The source gives only the month; the day is not known.",
    "Two sources disagree on the number.\nThe higher one is from the ministry; the lower one "
    "from relatives.",
    'Relative date ("last October") resolved against the publication date.',
)

LOCATORS = ("paragraph 3", "part 2", "section «Жусан»", "p. 12", "the last paragraph", "интервью")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The date forms of the data format, with how often each is generated.
DATE_FORMS = {
    "day": 38,
    "month": 18,
    "year": 8,
    "approximate": 6,
    "uncertain": 4,
    "approximate-uncertain": 3,
    "interval": 12,
    "open-start": 4,
    "open-end": 5,
}

_QUALIFIER = {"approximate": "~", "uncertain": "?", "approximate-uncertain": "%"}

# fmt: off
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a",
    "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
# fmt: on

_CYRILLIC = re.compile("[\u0400-\u04ff]")

_STOP_WORDS = {"a", "an", "the", "of", "in", "on", "for", "from", "to", "and", "as", "via"}

_BEFORE_2019 = tuple(t for t in TOPICS if t.category != "repatriation")

# --------------------------------------------------------------------------- dates


def _form(day: dt.date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _earliest(day: dt.date, precision: str) -> dt.date:
    if precision == "day":
        return day
    if precision == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _words(day: dt.date, precision: str) -> str:
    if precision == "day":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


def _preposition(precision: str) -> str:
    return "on" if precision == "day" else "in"


@attrs.frozen
class _Date:
    text: str
    form: str
    day: dt.date  # the day the event is anchored on (used for sources and titles)
    sort_day: dt.date
    when: str  # how an article would say it: "in October 2013"
    id_prefix: str


def _precision(rng: random.Random) -> str:
    return rng.choices(("day", "month", "year"), (4, 4, 2))[0]


def _make_date(rng: random.Random, form: str, day: dt.date) -> _Date:
    if form in ("day", "month", "year"):
        text = _form(day, form)
        when = f"{_preposition(form)} {_words(day, form)}"
        return _Date(text, form, day, _earliest(day, form), when, _form(day, form)[:7])
    if form in _QUALIFIER:
        precision = rng.choices(("day", "month", "year"), (3, 5, 2))[0]
        text = _form(day, precision) + _QUALIFIER[form]
        hedge = "around" if form != "uncertain" else f"reportedly {_preposition(precision)}"
        when = f"{hedge} {_words(day, precision)}"
        return _Date(text, form, day, _earliest(day, precision), when, text[:4])
    if form == "interval":
        end = min(LAST_DAY, day + dt.timedelta(days=rng.randint(20, 900)))
        first, last = _precision(rng), _precision(rng)
        if first == last == "year" and day.year == end.year:
            last = "day"
        start_text = _form(day, first) + _qualifier(rng)
        end_text = _form(end, last) + _qualifier(rng)
        when = f"between {_words(day, first)} and {_words(end, last)}"
        return _Date(
            f"{start_text}/{end_text}", form, day, _earliest(day, first), when, start_text[:4]
        )
    precision = _precision(rng)
    single = _form(day, precision) + _qualifier(rng)
    if form == "open-start":
        when = f"by {_words(day, precision)}"
        return _Date(f"../{single}", form, day, _earliest(day, precision), when, single[:4])
    when = f"from {_words(day, precision)} onwards"
    return _Date(f"{single}/..", form, day, _earliest(day, precision), when, single[:4])


def _qualifier(rng: random.Random) -> str:
    return rng.choice("~?%") if rng.random() < 0.15 else ""


def _pick_day(rng: random.Random) -> tuple[dt.date, tuple[str, ...]]:
    first, last, _, categories = rng.choices(CLUSTERS, [c[2] for c in CLUSTERS])[0]
    span = (last - first).days
    return first + dt.timedelta(days=rng.randint(0, span)), categories


# --------------------------------------------------------------------------- text helpers


def _slug(text: str, max_words: int = 6) -> str:
    words = []
    for raw in text.lower().split():
        word = "".join(_TRANSLIT.get(ch, ch) for ch in raw)
        word = re.sub(r"[^a-z0-9]+", "-", word).strip("-")
        if word and word not in _STOP_WORDS:
            words.append(word)
        if len(words) == max_words:
            break
    return "-".join(words) or "event"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` broken at single spaces into lines of at most ``width`` (longer words alone)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def _fit(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, as headlines are."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "\u2026"


def _typographic(text: str) -> str:
    """Curly quotes and dashes, as a publisher's website would print them."""
    text = text.replace(" -- ", " \u2014 ").replace("'", "\u2019")
    parts = text.split('"')
    return (
        "".join(p + ("\u201c" if i % 2 == 0 else "\u201d") for i, p in enumerate(parts[:-1]))
        + (parts[-1])
    )


# --------------------------------------------------------------------------- the generator


@attrs.define
class _Source:
    record: dict[str, Any]
    language: str
    typographic: bool
    published: dt.date
    file: str
    sentences: list[str] = attrs.Factory(list)


class _Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.sources: list[_Source] = []
        self.files: dict[str, list[_Source]] = {}
        self.event_ids: dict[str, int] = {}

    # sources ---------------------------------------------------------------

    def make_sources(self) -> None:
        rng = self.rng
        count = max(4, self.n // 40 + 4)
        used: dict[str, int] = {}
        for index in range(count):
            stem, publisher, domain, home = rng.choice(PUBLISHERS)
            language = home if rng.random() < 0.7 else rng.choice(("en", "en", "ru", "kk"))
            published = FIRST_DAY + dt.timedelta(days=rng.randint(300, (LAST_DAY - FIRST_DAY).days))
            ident = f"{stem}-{published.year}"
            used[ident] = used.get(ident, 0) + 1
            if used[ident] > 1:
                ident = f"{ident}-{used[ident]}"
            city = rng.choice(PLACES["kz"]).name
            titles = [
                t for t in SOURCE_TITLES[language] if published.year >= 2019 or "{op}" not in t
            ]
            title = rng.choice(titles).format(
                n=rng.randint(20, 700),
                city=city,
                op="Rusafa" if published.year > 2020 else "Жусан",
            )
            record: dict[str, Any] = {"id": ident, "title": title, "publisher": publisher}
            if rng.random() < 0.6:
                record["authors"] = rng.sample(AUTHORS, rng.choice((1, 1, 1, 2, 3)))
            precision = rng.choices(("day", "month", "year"), (7, 2, 1))[0]
            record["published"] = _form(published, precision)
            slug = _slug(title, 5)
            if rng.random() < 0.15:
                url = f"https://bit.ly/{rng.getrandbits(40):010x}"
            else:
                url = (
                    f"https://{domain}/{language}/{published.year}/{published.month:02d}/"
                    f"{slug}-{rng.getrandbits(24):06x}"
                )
            record["url"] = url
            if index and rng.random() < 0.12:
                file = self.sources[-1].file  # several sources share one saved page
            else:
                file = f"seeds/{index:03d}_{rng.getrandbits(64):016x}.txt"
            record["file"] = file
            record["language"] = language
            if rng.random() < 0.25:
                stamp = (published + dt.timedelta(days=rng.randint(0, 400))).strftime("%Y%m%d")
                record["archived_url"] = f"https://web.archive.org/web/{stamp}000000/{url}"
            source = _Source(record, language, rng.random() < 0.5, published, file)
            self.sources.append(source)
            self.files.setdefault(file, []).append(source)
        self.by_date = sorted(self.sources, key=lambda s: s.published)
        self.published_days = [s.published for s in self.by_date]

    def sources_for(self, day: dt.date) -> list[_Source]:
        """Sources published soon after ``day``, the ones an event on it would cite."""
        start = bisect.bisect_left(self.published_days, day)
        window = self.by_date[start : start + 6]
        return window or self.by_date[-3:]

    # events ----------------------------------------------------------------

    def forms(self) -> list[str]:
        rng = self.rng
        names = list(DATE_FORMS)
        forms = rng.choices(names, list(DATE_FORMS.values()), k=self.n)
        if self.n >= len(names):  # every form at least once
            for index, name in zip(rng.sample(range(self.n), len(names)), names, strict=True):
                forms[index] = name
        return forms

    def make_events(self) -> list[tuple[dt.date, dict[str, Any]]]:
        events = [self.event(form) for form in self.forms()]
        events.sort(key=lambda pair: pair[0])
        self.link(events)
        rng = self.rng
        for _ in range(self.n // 50):  # a few added out of order, as in real files
            i = rng.randrange(self.n - 1)
            events[i], events[i + 1] = events[i + 1], events[i]
        return events

    def event(self, form: str) -> tuple[dt.date, dict[str, Any]]:
        rng = self.rng
        day, preferred = _pick_day(rng)
        date = _make_date(rng, form, day)
        if preferred and rng.random() < 0.75:
            topic = rng.choice([t for t in TOPICS if t.category in preferred])
        else:  # no operations to bring people home before 2019
            topics = TOPICS if day.year >= 2019 else _BEFORE_2019
            topic = rng.choice(topics)
        places = self.places(topic)
        values = self.values(date, places, topic)

        title = self.title(topic, values)

        ident = self.event_id(date, title)
        record: dict[str, Any] = {
            "id": ident,
            "title": title,
            "date": date.text,
            "category": topic.category,
        }
        summary = topic.summary.format(**values)
        if date.form not in _QUALIFIER and rng.random() < 0.3:
            summary += f" According to the source, it happened {date.when}."
        record["summary"] = _fit(summary, 600)
        if places:
            record["places"] = places
        if rng.random() < 0.4:
            record["actors"] = rng.sample(ACTORS, rng.choice((1, 1, 2, 3)))
        tags = [t for t in topic.tags if rng.random() < 0.45]
        if rng.random() < 0.15:
            tags.append(rng.choice(TAGS))
        if tags:
            record["tags"] = list(dict.fromkeys(tags))
        figures = self.figures(topic, values)
        if figures:
            record["figures"] = figures
        record["sources"] = self.citations(date, topic, values)
        if rng.random() < 0.05:
            record["notes"] = rng.choice(NOTES)
        return date.sort_day, record

    def title(self, topic: _Topic, values: dict[str, Any]) -> str:
        """A title of up to 80 characters: one of the topic's (or, sometimes, one with
        special characters), with a distinguishing detail added when it fits. A title too
        long is drawn again (but for one meant to be long); else it is cut, as headlines
        are."""
        rng = self.rng
        special = [t for c, t in SPECIAL_TITLES if c == topic.category]
        if special and rng.random() < 0.12:
            return _fit(rng.choice(special).format(**values), 80)
        template = rng.choice(topic.titles)
        title = template.format(**values)
        for _ in range(3):
            if len(title) <= 80 or len(template) > 80:  # a headline too long by design
                break
            template = rng.choice(topic.titles)
            title = template.format(**values)
        if topic.details and rng.random() < 0.4 and not _CYRILLIC.search(template):
            longer = f"{title}, {rng.choice(topic.details).format(**values)}"
            if len(longer) <= 80:
                title = longer
        return _fit(title, 80)

    def event_id(self, date: _Date, title: str) -> str:
        base = f"{date.id_prefix}-{_slug(title)}"
        count = self.event_ids.get(base, 0) + 1
        self.event_ids[base] = count
        return base if count == 1 else f"{base}-{count}"

    def places(self, topic: _Topic) -> list[dict[str, Any]]:
        rng = self.rng
        if rng.random() >= 0.4:
            return []
        pool = list(PLACES[topic.places])
        if rng.random() < 0.3:
            pool += PLACES["kz"]
        chosen = rng.sample(pool, rng.choice((1, 1, 1, 2)))
        places = []
        for place in dict.fromkeys(chosen):
            record: dict[str, Any] = {"name": place.name, "country": place.country}
            if place.region is not None:
                record["region"] = place.region
            if place.lat is not None and place.lon is not None:
                record["lat"] = place.lat
                record["lon"] = place.lon
            places.append(record)
        return places

    def values(self, date: _Date, places: list[dict[str, Any]], topic: _Topic) -> dict[str, Any]:
        rng = self.rng
        n = rng.choice((rng.randint(2, 30), rng.randint(30, 300), rng.randint(300, 1500)))
        if places:
            city = places[0]["name"]
        else:
            pool = PLACES["war"] if topic.places == "war" else PLACES["kz"]
            city = rng.choice(pool).name
        early = date.day < dt.date(2019, 7, 1)
        op = rng.choice(("Жусан", "Zhusan") if early else ("Rusafa", "Рұсафа", "Мейірім"))
        year = date.day.year
        a = rng.randint(1, 9)
        org = rng.choice(ORGANISATIONS)
        family = rng.choice(FAMILIES)
        man, woman = f"{rng.choice(MEN)} {family}", f"{rng.choice(WOMEN)} {family}a"
        family_cyr = rng.choice(FAMILIES_CYR)
        name = (
            f"{rng.choice(MEN_CYR)} {family_cyr}"
            if rng.random() < 0.5
            else f"{rng.choice(WOMEN_CYR)} {family_cyr}а"
        )
        return {
            "person": man if rng.random() < 0.5 else woman,
            "man": man,
            "woman": woman,
            "name": name,
            "org": org,
            "Org": org[0].upper() + org[1:],
            "region": rng.choice(REGIONS),
            "region_ru": rng.choice(REGIONS_RU),
            "region_kk": rng.choice(REGIONS_KK),
            "transit": rng.choice(TRANSIT),
            "trade": rng.choice(TRADES),
            "camp": rng.choice(PLACES["war"]).name,
            "home": rng.choice(PLACES["kz"]).name,
            "abroad": rng.choice(PLACES["abroad"]).name,
            "age": rng.randint(19, 58),
            "hours": rng.randint(3, 120),
            "days": rng.randint(2, 40),
            "n": n,
            "c": max(1, n * rng.randint(40, 80) // 100),
            "k": rng.randint(2, 9),
            "pct": rng.randint(5, 95),
            "years": rng.randint(3, 15),
            "city": city,
            "op": op,
            "approx": rng.choice(("", "", "", "about ", "around ")),
            "year": year,
            "year2": year + rng.randint(2, 5),
            "views": f"{rng.choice((12_000, 45_000, 150_000, 1_200_000)):,}",
            "kzt": f"{rng.randint(2, 90) * 100_000_000:,}",
            "m": rng.randint(1, 40) / 2,
            "a": a,
            "b": a + rng.randint(1, 9),
            "e": rng.randint(3, 7),
            "when": date.when,
            "When": date.when[0].upper() + date.when[1:],
        }

    def figures(self, topic: _Topic, values: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        if topic.figure is None or rng.random() >= 0.25:
            return []
        what, unit = topic.figure
        figure: dict[str, Any] = {"what": what, "unit": unit}
        number = int(values["views"].replace(",", "")) if unit == "views" else values["n"]
        if unit == "KZT":
            number = int(values["kzt"].replace(",", ""))
        if rng.random() < 0.2:
            low = number
            high = number + rng.randint(1, max(2, number // 2))
            figure["low"] = low
            if rng.random() < 0.4:
                figure["best"] = (low + high) // 2
            figure["high"] = high
        else:
            figure["value"] = number
        if values["approx"] or rng.random() < 0.1:
            figure["approximate"] = True
        figures = [figure]
        if topic.category in ("repatriation", "rehabilitation") and rng.random() < 0.4:
            figures.append(
                {"what": "children among them", "unit": "children", "value": values["c"]}
            )
        if topic.category == "research" and rng.random() < 0.5:
            share = values["pct"] + rng.choice((0, 0.5))
            figures.append({"what": "returnees in work", "unit": "percent", "value": share})
        return figures

    def citations(self, date: _Date, topic: _Topic, values: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        candidates = self.sources_for(date.day)
        citations: list[dict[str, Any]] = []
        for _ in range(rng.choices((1, 2, 3), (6, 3, 1))[0]):
            source = rng.choice(candidates)
            if source.language == "ru":
                sentence = rng.choice(topic.ru_quotes).format(**values)
            elif source.language == "kk":
                sentence = rng.choice(topic.kk_quotes).format(**values)
            else:
                sentence = rng.choice(topic.quotes).format(**values)
            source.sentences.append(sentence)
            quote = sentence
            _, comma, tail = sentence.partition(", ")
            if comma and len(tail) >= 40 and rng.random() < 0.3:
                quote = tail  # quote a clause, not the whole sentence
            if rng.random() < 0.5:
                quote = quote.replace("«", '"').replace("»", '"')
            citation: dict[str, Any] = {"source": source.record["id"], "quote": quote}
            if any(c["source"] == citation["source"] and c["quote"] == quote for c in citations):
                continue  # the same passage twice
            if rng.random() < 0.15:
                citation["locator"] = rng.choice(LOCATORS)
            citations.append(citation)
        return citations

    def link(self, events: list[tuple[dt.date, dict[str, Any]]]) -> None:
        """Link some events to earlier ones."""
        rng = self.rng
        for index in range(1, len(events)):
            if rng.random() < 0.1:
                earlier = events[max(0, index - 40) : index]
                chosen = rng.sample(earlier, min(len(earlier), rng.choice((1, 1, 2))))
                events[index][1]["related"] = [record["id"] for _, record in chosen]

    # seed texts ------------------------------------------------------------

    def seed_texts(self) -> dict[str, str]:
        seeds = {}
        for file, sources in self.files.items():
            first = sources[0]
            record = first.record
            header = [record["title"], f"{record['publisher']} \u00b7 {record['published']}"]
            header.append(record["url"])
            sentences: list[str] = []
            for source in sources:
                for sentence in source.sentences:
                    sentences.extend(self.fillers(source.language, 0, 2))
                    sentences.append(sentence)
            sentences.extend(self.fillers(first.language, max(0, 6 - len(sentences)), 8))
            if first.typographic:
                sentences = [_typographic(sentence) for sentence in sentences]
            paragraphs = []
            while sentences:
                size = self.rng.randint(2, 6)
                text = " ".join(sentences[:size])
                del sentences[:size]
                paragraphs.append("\n".join(_wrap(text, 76)))
            seeds[file] = "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        return seeds

    def fillers(self, language: str, low: int, high: int) -> list[str]:
        rng = self.rng
        city = rng.choice(PLACES["kz"]).name
        pool = FILLERS[language]
        count = min(len(pool), rng.randint(low, max(low, high)))
        return [sentence.format(city=city) for sentence in rng.sample(pool, count)]


# --------------------------------------------------------------------------- mistakes


def _other_id(existing: Sequence[str], ident: str) -> str:
    """An id like ``ident`` that is not in ``existing``: a typo."""
    taken = set(existing)
    for candidate in (ident + "s", ident[:-1], f"{ident}-old", f"the-{ident}"):
        if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", candidate) and candidate not in taken:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def _year(record: dict[str, Any]) -> int:
    match = re.search(r"[0-9]{4}", str(record.get("date")))
    return int(match.group()) if match else 2019


def _rename(record: dict[str, Any], old: str, new: str) -> None:
    items = [(new if key == old else key, value) for key, value in record.items()]
    record.clear()
    record.update(items)


@attrs.frozen
class _MistakeContext:
    rng: random.Random
    data: dict[str, Any]
    spare_ids: list[str]  # ids of events that get no mistake
    texts: dict[str, str]  # source id -> the text of its file


_Apply = Callable[[dict[str, Any], _MistakeContext], str]


def _not_a_date(record: dict[str, Any], ctx: _MistakeContext) -> str:
    year = _year(record)
    record["date"] = ctx.rng.choice((f"May {year}", f"{year}-5", f"{year}-05-7", f"{year}s"))
    return f"date {record['date']!r}: not one of the date forms"


def _bad_month(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["date"] = f"{_year(record)}-13"
    return f"date {record['date']!r}: there is no month 13"


def _not_on_calendar(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["date"] = f"{_year(record)}-02-30"
    return f"date {record['date']!r}: February has no 30th"


def _reversed_interval(record: dict[str, Any], ctx: _MistakeContext) -> str:
    year = _year(record)
    record["date"] = f"{year + 2}/{year}"
    return f"date {record['date']!r}: the interval ends before it starts"


def _unquoted_year(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["date"] = _year(record)
    return f"date: {record['date']} written without quotes (a number, not text)"


def _unknown_source(record: dict[str, Any], ctx: _MistakeContext) -> str:
    citation = record["sources"][0]
    ids = [s["id"] for s in ctx.data["sources"]]
    citation["source"] = _other_id(ids, citation["source"])
    return f"citation of source {citation['source']!r}, a typo for an existing id"


def _misquote(record: dict[str, Any], ctx: _MistakeContext) -> str:
    from chronology.quotes import normalise

    citation = record["sources"][0]
    quote = citation["quote"]
    text = normalise(ctx.texts[citation["source"]])
    numbers = re.findall(r"[0-9]+", quote)
    words = quote.split(" ")
    candidates = []
    for number in numbers:  # a figure misremembered
        wrong = str(int(number) + ctx.rng.randint(1, 9))
        candidates.append(
            (re.sub(rf"\b{number}\b", wrong, quote, count=1), f"{wrong} for {number}")
        )
    for _ in range(3):  # a word left out
        if len(words) > 2:
            gone = ctx.rng.randrange(1, len(words) - 1)
            changed = " ".join(words[:gone] + words[gone + 1 :])
            candidates.append((changed, f"{words[gone]!r} left out"))
    candidates.append((quote + " (sic)", "'(sic)' added"))
    for changed, how in candidates:
        if normalise(changed) not in text:
            citation["quote"] = changed
            return f"a quote that is not in the source: {how}"
    raise AssertionError("unreachable")  # pragma: no cover


def _undeclared_category(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["category"] = ctx.rng.choice(("protests", "justice-system", "media-coverage", "other"))
    return f"category {record['category']!r}, not declared in 'categories'"


def _missing_field(record: dict[str, Any], ctx: _MistakeContext) -> str:
    field = ctx.rng.choice(("summary", "date", "category", "sources"))
    del record[field]
    return f"the required field {field!r} is missing"


def _long_title(record: dict[str, Any], ctx: _MistakeContext) -> str:
    title = record["title"].rstrip("\u2026")
    record["title"] = f"{title}, as officials in several regions of Kazakhstan confirmed later"
    if len(record["title"]) <= 80:  # pragma: no cover - the suffix alone is 68 characters
        record["title"] += " that year, according to the sources"
    return f"a title of {len(record['title'])} characters (the limit is 80)"


def _unknown_related(record: dict[str, Any], ctx: _MistakeContext) -> str:
    ids = [e["id"] for e in ctx.data["events"]]
    missing = _other_id(ids, ctx.rng.choice(ids))
    record["related"] = [*record.get("related", []), missing]
    return f"related event {missing!r} does not exist"


def _self_related(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["related"] = [*record.get("related", []), record["id"]]
    return "the event is related to itself"


def _duplicate_id(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["id"] = ctx.rng.choice(ctx.spare_ids)
    return f"the id {record['id']!r} of another event"


def _field_typo(record: dict[str, Any], ctx: _MistakeContext) -> str:
    _rename(record, "title", "titel")
    return "the field 'title' misspelt 'titel' (so 'title' is missing too)"


def _bad_country(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record.setdefault("places", []).insert(0, {"name": "London", "country": "UK"})
    return "a place in country 'UK' (the ISO code is GB)"


def _lat_without_lon(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record.setdefault("places", []).append({"name": "Almaty", "country": "KZ", "lat": 43.2389})
    return "a place with 'lat' but no 'lon'"


def _range_out_of_order(record: dict[str, Any], ctx: _MistakeContext) -> str:
    figure = {"what": "people detained", "unit": "people", "low": 250, "high": 25}
    record.setdefault("figures", []).append(figure)
    return "a figure with low 250 above high 25"


def _bad_tag(record: dict[str, Any], ctx: _MistakeContext) -> str:
    record["tags"] = [*record.get("tags", []), "Social Media"]
    return "the tag 'Social Media', not a slug"


def _repeated_tag(record: dict[str, Any], ctx: _MistakeContext) -> str:
    tags = record.get("tags") or ["women"]
    record["tags"] = [*tags, tags[0]]
    return f"the tag {tags[0]!r} twice"


#: The mistakes ``errors=K`` makes, by kind: (the problem code ``chronology validate``
#: reports for it, how it is made).
MISTAKES: dict[str, tuple[str, _Apply]] = {
    "not-a-date": ("D001", _not_a_date),
    "bad-month": ("D002", _bad_month),
    "not-on-calendar": ("D002", _not_on_calendar),
    "reversed-interval": ("D003", _reversed_interval),
    "unquoted-year": ("S001", _unquoted_year),
    "unknown-source": ("R002", _unknown_source),
    "misquote": ("Q003", _misquote),
    "undeclared-category": ("R005", _undeclared_category),
    "missing-field": ("S002", _missing_field),
    "long-title": ("S005", _long_title),
    "unknown-related": ("R003", _unknown_related),
    "self-related": ("R004", _self_related),
    "duplicate-id": ("R001", _duplicate_id),
    "field-typo": ("S003", _field_typo),
    "bad-country": ("S004", _bad_country),
    "lat-without-lon": ("S002", _lat_without_lon),
    "range-out-of-order": ("F001", _range_out_of_order),
    "bad-tag": ("S004", _bad_tag),
    "repeated-tag": ("S007", _repeated_tag),
}


def _add_mistakes(
    data: dict[str, Any], seeds: dict[str, str], errors: int, seed: int
) -> tuple[Mistake, ...]:
    events = data["events"]
    rng = random.Random(f"chronology-mistakes-{seed}")
    targets = sorted(rng.sample(range(len(events)), errors))
    spare = sorted(set(range(len(events))) - set(targets))
    texts = {source["id"]: seeds[source["file"]] for source in data["sources"]}
    ctx = _MistakeContext(rng, data, [events[i]["id"] for i in spare], texts)
    kinds = list(MISTAKES)
    rng.shuffle(kinds)
    if not spare:
        kinds.remove("duplicate-id")
    mistakes = []
    for number, index in enumerate(targets):
        kind = kinds[number % len(kinds)]
        code, apply = MISTAKES[kind]
        record = events[index]
        description = apply(record, ctx)
        mistakes.append(Mistake(kind, str(record["id"]), code, description))
    return tuple(mistakes)


# --------------------------------------------------------------------------- YAML text

_WIDTH = 100
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}
_PLAIN = re.compile(r"[^\W\d_][\w .,'()/-]*(?<! )")
_PLAIN_FLOW = re.compile(r"[^\W\d_][\w .'()/-]*(?<! )")
_PLAIN_ADDRESS = re.compile(r"(?:https?://|seeds/)[A-Za-z0-9._~/=%+-]*[A-Za-z0-9/]")
_DATED_SLUG = re.compile(r"[0-9]{4}(?:-[0-9]{2}){0,2}-[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# What YAML may hold as is (c-printable), less the line separators some readers break on.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` reads back as the same text when written without quotes.

    Plain are: texts that start with a letter and hold only letters, digits, single
    spaces and ``.,'()/_-`` (no commas in flow lists), except words such as ``no``
    that some YAML readers take for booleans; dated slugs such as
    ``2019-05-zhusan``; and (outside flow lists) web addresses and seed paths.
    """
    if _DATED_SLUG.fullmatch(text):
        return True
    if flow:
        plain = _PLAIN_FLOW.fullmatch(text)
    else:
        plain = _PLAIN.fullmatch(text) or _PLAIN_ADDRESS.fullmatch(text)
    return bool(plain) and "  " not in text and text.lower() not in _RESERVED


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's too)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value if _plain_ok(value, flow) else _quoted(value)
    raise TypeError(f"not a scalar: {value!r}")


def _block_lines(text: str, style: str, width: int) -> list[str] | None:
    """``text`` as the lines of a folded (``>-``) or literal (``|-``) block, if exact."""
    if not text or _UNPRINTABLE.search(text) or "\t" in text or "\r" in text:
        return None
    if style == ">-":
        if "\n" in text or "  " in text or text != text.strip():
            return None
        lines = _wrap(text, width)
        return lines if " ".join(lines) == text else None
    lines = text.split("\n")
    if lines[0].startswith(" ") or not lines[-1] or any(line != line.rstrip() for line in lines):
        return None
    return lines


def _flow_mapping(mapping: dict[str, Any]) -> str | None:
    if not all(isinstance(v, (str, int, float)) for v in mapping.values()):
        return None
    items = ", ".join(f"{_scalar(k, True)}: {_scalar(v, True)}" for k, v in mapping.items())
    return "{" + items + "}"


def _emit_mapping(
    out: list[str], mapping: dict[str, Any], indent: int, first: str | None = None
) -> None:
    pad = " " * indent
    for position, (key, value) in enumerate(mapping.items()):
        lead = first if first is not None and position == 0 else pad
        _emit_entry(out, lead, key, value, indent)


def _emit_entry(out: list[str], lead: str, key: str, value: Any, indent: int) -> None:
    pad = " " * indent
    head = f"{lead}{_scalar(key)}:"
    if isinstance(value, dict):
        out.append(head)
        _emit_mapping(out, value, indent + 2)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out.append(head)
        for item in value:
            flow = _flow_mapping(item) if key == "places" else None
            if flow is not None and indent + 4 + len(flow) <= _WIDTH:
                out.append(f"{pad}  - {flow}")
            else:
                _emit_mapping(out, item, indent + 4, first=f"{pad}  - ")
    elif isinstance(value, list):
        flow = "[" + ", ".join(_scalar(v, True) for v in value) + "]"
        if len(head) + 1 + len(flow) <= _WIDTH:
            out.append(f"{head} {flow}")
        else:
            out.append(head)
            out.extend(f"{pad}  - {_scalar(v)}" for v in value)
    elif isinstance(value, str) and len(value) > 70 and key in ("summary", "description"):
        lines = _block_lines(value, ">-", _WIDTH - indent - 2)
        _emit_text(out, head, value, ">-", lines, indent)
    elif isinstance(value, str) and "\n" in value:
        _emit_text(out, head, value, "|-", _block_lines(value, "|-", 0), indent)
    else:
        out.append(f"{head} {_scalar(value)}")


def _emit_text(
    out: list[str], head: str, value: str, style: str, lines: list[str] | None, indent: int
) -> None:
    if lines is None:
        out.append(f"{head} {_scalar(value)}")
        return
    out.append(f"{head} {style}")
    body = " " * (indent + 2)
    out.extend(f"{body}{line}" if line else "" for line in lines)


def _render(data: dict[str, Any], header: str) -> str:
    out = [f"# {line}" for line in header.splitlines()]
    for key, value in data.items():
        out.append("")
        if key == "events":
            out.append("events:")
            for event in value:
                _emit_mapping(out, event, 4, first="  - ")
                out.append("")
            out.pop()
        else:
            _emit_entry(out, "", key, value, 0)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- API


def generate(n: int, seed: int = 0, errors: int = 0) -> GeneratedChronology:
    """Generate a chronology of ``n`` events; the same arguments give the same bytes.

    With ``errors=K`` (at most ``n``), K events each get one mistake, cycling
    through :data:`MISTAKES` in an order the seed decides, and
    ``chronology validate`` reports at least K problems; the rest of the file is
    the same as with ``errors=0``.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    if not 0 <= errors <= n:
        raise ValueError(f"errors must be between 0 and n ({n}), not {errors}")
    generator = _Generator(n, seed)
    generator.make_sources()
    events = [record for _, record in generator.make_events()]
    categories = {
        slug: {"label": label, "description": description}
        for slug, (label, description) in CATEGORIES.items()
    }
    data: dict[str, Any] = {
        "categories": categories,
        "sources": [s.record for s in generator.sources],
        "events": events,
    }
    seeds = generator.seed_texts()
    mistakes = _add_mistakes(data, seeds, errors, seed) if errors else ()
    header = (
        f"A generated chronology (benchmarks/generate.py, n={n}, seed={seed}, errors={errors}).\n"
        "Synthetic data for benchmarks and tests: the events, sources and quotes are made up."
    )
    return GeneratedChronology(_render(data, header), seeds, data, mistakes)


def write(generated: GeneratedChronology, outdir: Path) -> Path:
    """Write ``events.yaml`` and its source texts into ``outdir``; return the data file's path."""
    outdir.mkdir(parents=True, exist_ok=True)
    for relative, text in generated.seeds.items():
        target = outdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    path = outdir / "events.yaml"
    path.write_bytes(generated.events_yaml.encode("utf-8"))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m benchmarks.generate N OUTDIR [--seed S] [--errors K]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a generated chronology (OUTDIR/events.yaml and OUTDIR/seeds/*.txt).",
    )
    parser.add_argument("n", type=int, help="number of events (at least 1)")
    parser.add_argument("outdir", type=Path, help="folder to write into (created if needed)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="K", help="put K mistakes in K events (default 0)"
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if not 0 <= args.errors <= args.n:
        parser.error("--errors must be between 0 and N")
    started = time.perf_counter()
    generated = generate(args.n, args.seed, args.errors)
    path = write(generated, args.outdir)
    elapsed = time.perf_counter() - started
    print(
        f"{path}: {args.n} events, {len(generated.data['sources'])} sources, "
        f"{len(generated.seeds)} source files, {len(generated.mistakes)} mistakes "
        f"({elapsed:.2f} s)"
    )
    for mistake in generated.mistakes:
        print(
            f"  {mistake.code} {mistake.kind} in event '{mistake.event_id}': {mistake.description}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
