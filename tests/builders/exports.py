"""Synthesise data-export archives in the shapes the platforms document.

Google Takeout (Play Store JSON, My Activity JSON/HTML), Meta "Download your information"
(off-Facebook activity v2, the newer record list, HTML index and per-business pages),
Amazon "Request your data" CSVs, Apple "Data & Privacy" (a zip with a zip of CSVs).
"""

from __future__ import annotations

import csv
import io
import json
import struct
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.builders.apk import zip_bytes

PLAY = "Takeout/Google Play Store"


def takeout_members(
    apps: Sequence[tuple[str, str, str]] = (
        ("WhatsApp Messenger", "2019-05-01T10:00:00.000Z", "Pixel 3a"),
        ("Speedtest by Ookla", "2021-02-03T08:30:00.000Z", "Pixel 3a"),
        ("Some Obscure Tool", "2020-01-01T00:00:00.000Z", "Galaxy S10"),
    ),
    *,
    activity: Mapping[str, str] | None = None,
    activity_html: bool = False,
    activity_folder: str = "My Activity",
    play_folder: str = PLAY,
) -> dict[str, bytes]:
    """Installs, Library and Devices JSON (and My Activity when ``activity`` maps titles to ids)."""
    installs = [
        {
            "install": {
                "doc": {"documentType": "Android Apps", "title": title},
                "firstInstallationTime": when,
                "deviceAttribute": {"manufacturer": "x", "deviceDisplayName": device},
                "lastUpdateTime": "2023-06-01T12:00:00.000Z",
            }
        }
        for title, when, device in apps
    ]
    library = [
        {
            "libraryDoc": {
                "doc": {"documentType": "Android Apps", "title": "Old Flashlight"},
                "acquisitionTime": "2015-03-03T03:03:03.000Z",
            }
        },
        {
            "libraryDoc": {
                "doc": {"documentType": "Movie", "title": "A Film"},
                "acquisitionTime": "2016-01-01T00:00:00.000Z",
            }
        },
    ]
    devices = [
        {
            "device": {
                "mostRecentData": {"manufacturer": "Google", "modelName": "Pixel 3a"},
                "deviceRegistrationTime": "2019-04-30T09:00:00.000Z",
                "lastTimeDeviceActive": "2023-06-02T09:00:00.000Z",
            }
        }
    ]
    members = {
        f"{play_folder}/Installs.json": json.dumps(installs).encode(),
        f"{play_folder}/Library.json": json.dumps(library).encode(),
        f"{play_folder}/Devices.json": json.dumps(devices).encode(),
        "Takeout/archive_browser.html": b"<html></html>",
    }
    if activity:
        folder = f"Takeout/{activity_folder}/Google Play Store"
        if activity_html:
            cells = "".join(
                f'<div class="content-cell">Installed <a href="https://play.google.com/store/apps/'
                f'details?id={package}">{title}</a><br>Jun 1, 2023</div>'
                for title, package in activity.items()
            )
            members[f"{folder}/MyActivity.html"] = f"<html><body>{cells}</body></html>".encode()
        else:
            entries = [
                {
                    "header": "Google Play Store",
                    "title": f"Installed {title}",
                    "titleUrl": f"https://play.google.com/store/apps/details?id={package}",
                    "time": "2023-06-01T12:00:00.000Z",
                    "products": ["Google Play Store"],
                }
                for title, package in activity.items()
            ]
            members[f"{folder}/MyActivity.json"] = json.dumps(entries).encode()
    return members


def meta_v2(businesses: Mapping[str, Sequence[tuple[str, int]]]) -> bytes:
    """The 2020-2025 shape: one object keyed ``off_facebook_activity_v2``."""
    return json.dumps(
        {
            "off_facebook_activity_v2": [
                {
                    "name": name,
                    "events": [
                        {"id": 1000 + i, "type": kind, "timestamp": stamp}
                        for i, (kind, stamp) in enumerate(events)
                    ],
                }
                for name, events in businesses.items()
            ]
        },
        ensure_ascii=True,
    ).encode()


def meta_records(businesses: Mapping[str, Sequence[tuple[str, int]]]) -> bytes:
    """The newer shape: a list of records with ``label_values``."""
    return json.dumps(
        [
            {
                "title": name,
                "fbid": "1234",
                "label_values": [
                    {"label": "Business ID", "value": "42"},
                    {
                        "label": "Events",
                        "vec": [
                            {
                                "dict": [
                                    {"label": "ID", "value": str(2000 + i)},
                                    {"label": "Event", "value": kind},
                                    {"label": "Received on", "timestamp_value": stamp},
                                ]
                            }
                            for i, (kind, stamp) in enumerate(events)
                        ],
                    },
                ],
            }
            for name, events in businesses.items()
        ]
    ).encode()


def meta_html_pages(businesses: Mapping[str, Sequence[str]]) -> dict[str, bytes]:
    """The HTML export: an index linking one page per business, each event a label/value table."""
    folder = "apps_and_websites_off_of_facebook"
    links = "".join(
        f'<section class="_a6-g"><a href="{folder}/your_activity_off_meta_technologies/'
        f'{i}.html">{name}</a></section>'
        for i, name in enumerate(businesses)
    )
    members = {
        f"{folder}/your_activity_off_meta_technologies.html": (
            f"<html><body><h1>Your activity off Meta technologies</h1>{links}</body></html>"
        ).encode()
    }
    for i, (name, events) in enumerate(businesses.items()):
        tables = "".join(
            '<table><tr><td class="_a6_q">ID</td><td class="_a6_r">7</td></tr>'
            f'<tr><td class="_a6_q">Event</td><td class="_a6_r">{kind}</td></tr>'
            '<tr><td class="_a6_q">Received on</td>'
            '<td class="_a6_r">Jan 5, 2024 10:11:12 am</td></tr></table>'
            for kind in events
        )
        members[f"{folder}/your_activity_off_meta_technologies/{i}.html"] = (
            f"<html><body><h2>{name}</h2>{tables}</body></html>"
        ).encode()
    return members


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], *, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()


def amazon_members() -> dict[str, bytes]:
    return {
        "Advertising.1/Advertising.AmazonAudiences.csv": csv_bytes(
            ["Amazon Audiences in which you are included"],
            [["In-market: Baby products"], ["Lifestyle: Fitness enthusiasts"]],
        ),
        "Advertising.1/Advertising.AdvertiserAudiences.csv": csv_bytes(
            ["Advertisers who brought audiences in which you are included"], [["Acme Pharmacy"]]
        ),
        "Advertising.1/Advertising.3PAudiences.csv": csv_bytes(
            ["Audiences in which you are included via 3rd Parties"],
            [["Data broker segment: High income"], ["Data broker segment: Recently moved"]],
        ),
        "Advertising.1/Advertising.AdvertiserClicks.csv": csv_bytes(
            ["Advertisers whose ads you clicked"], [["Acme Pharmacy"], ["Acme Pharmacy"]]
        ),
        "Search-Data/Search-Data.Customer-Engagement.csv": csv_bytes(
            ["First Search Time (GMT)", "Keywords", "Device Model"],
            [
                ["2022-01-02 10:00:00.0", "pregnancy test", "iPhone"],
                ["2022-03-04 11:00:00.0", "pregnancy test", "iPhone"],
                ["2023-05-06 12:00:00.0", "running shoes", "Pixel"],
            ],
        ),
        "Retail.OrderHistory.1/Retail.OrderHistory.1.csv": csv_bytes(
            ["Website", "Order ID", "Order Date", "Product Name"],
            [
                ["Amazon.com", "111-1", "2021-07-08T09:10:11Z", "Vitamin D"],
                ["Amazon.com", "111-2", "2022-08-09T10:11:12Z", "Yoga mat"],
            ],
        ),
        "Digital-Ordering.1/Digital Items.csv": csv_bytes(
            ["ASIN", "Title", "OrderDate"], [["B0001", "Some E-book", "2020-02-02T02:02:02Z"]]
        ),
        "Retail.CartItems.1/Retail.CartItems.1.csv": csv_bytes(["x"], [["unrelated"]]),
    }


def apple_outer(*, redownloads_outside: bool = True) -> bytes:
    """'Apple Media Services information' zip: a top-level CSV and the nested zip of CSVs."""
    purchases = csv_bytes(
        [
            "Apple Account Number",
            "Item Purchased Date",
            "Content Type",
            "Item Reference Number",
            "Item Description",
            "Device Details",
        ],
        [
            [
                "1",
                "2021-05-16T02:58:13Z",
                "iOS and tvOS Apps",
                "300704847",
                "Speedtest by Ookla",
                "iPhone 12",
            ],
            ["1", "2026-05-20T17:56:28Z", "Mac Apps", "747648890", "Telegram", "MacBook"],
            ["1", "2021-04-01T10:00:00Z", "Music", "111", "Some Song", "iPhone 12"],
            ["1", "2021-06-01T10:00:00Z", "In-App Purchases", "222", "Gems", "iPhone 12"],
        ],
    )
    redownloads = csv_bytes(
        ["Activity Date", "Item Description", "Content Type", "Item Reference Number", "Seller"],
        [["2023-01-01T00:00:00Z", "Speedtest by Ookla", "iOS and tvOS Apps", "300704847", "Ookla"]],
    )
    nested = zip_bytes(
        {
            "Apple_Media_Services/Stores Activity/Account and Transaction History/"
            "Store Transaction Purchase and Free Apps History.csv": purchases,
            "Apple_Media_Services/Apple Music Activity/Apple Music Play Activity.csv": b"a,b\n1,2\n",
        }
    )
    members = {"Apple Media Services Information/Apple_Media_Services.zip": nested}
    if redownloads_outside:
        members[
            "Apple Media Services Information/iTunes and App-Book Re-download and Update History.csv"
        ] = redownloads
    return zip_bytes(members)


def write_zip(path: Path, members: Mapping[str, bytes]) -> Path:
    path.write_bytes(zip_bytes(members))
    return path


def write_folder(root: Path, members: Mapping[str, bytes]) -> Path:
    for name, data in members.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def sparse_zip(path: Path, members: Mapping[str, bytes], filler: Sequence[tuple[str, int]]) -> None:
    """A zip with real ``members`` and huge stored ``filler`` members of zeros, written sparse.

    The filler's bytes are never written (the file has holes), so a gigabyte archive costs
    no disk and no time to build, yet is a valid zip: its CRCs are those of zero bytes.
    """
    central: list[bytes] = []
    with path.open("wb") as out:

        def add(name: str, size: int, data: bytes | None) -> None:
            encoded = name.encode()
            crc = zlib.crc32(data) if data is not None else _zero_crc(size)
            offset = out.tell()
            local = struct.pack(
                "<4s5H3I2H", b"PK\x03\x04", 45, 0, 0, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                len(encoded), 20,
            )  # fmt: skip
            extra = struct.pack("<2H2Q", 1, 16, size, size)
            out.write(local + encoded + extra)
            if data is not None:
                out.write(data)
            else:
                out.seek(size, io.SEEK_CUR)
            central.append(
                struct.pack(
                    "<4s6H3I5H2I",
                    b"PK\x01\x02",
                    45,
                    45,
                    0,
                    0,
                    0,
                    0,
                    crc,
                    0xFFFFFFFF,
                    0xFFFFFFFF,
                    len(encoded),
                    28,
                    0,
                    0,
                    0,
                    0,
                    0xFFFFFFFF,
                )
                + encoded
                + struct.pack("<2H3Q", 1, 24, size, size, offset)
            )

        for name, size in filler:
            add(name, size, None)
        for name, data in members.items():
            add(name, len(data), data)
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        end = out.tell()
        out.write(struct.pack("<4sQ2H2I4Q", b"PK\x06\x06", 44, 45, 45, 0, 0,
                              len(central), len(central), len(directory), start))  # fmt: skip
        out.write(struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1))
        out.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                              0xFFFFFFFF, 0))  # fmt: skip


def _zero_crc(size: int) -> int:
    block = bytes(1024 * 1024)
    crc = 0
    full, rest = divmod(size, len(block))
    for _ in range(full):
        crc = zlib.crc32(block, crc)
    return zlib.crc32(bytes(rest), crc)


def json_text(value: Any) -> bytes:
    return json.dumps(value).encode()


def password_protected(data: bytes) -> bytes:
    """The same zip with every member flagged as encrypted, as a password-protected zip is."""
    raw = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = raw.find(signature)
        while start != -1:
            struct.pack_into("<H", raw, start + flag_at, 1)
            start = raw.find(signature, start + 4)
    return bytes(raw)
