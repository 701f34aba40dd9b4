"""R3: the ID card frame parser survives random and mutated frames.

Feeds at least 100,000 frames (random bytes, random bytes behind a valid header, mutated valid
read replies, truncations and concatenations through the stream scanner) to the parsing chain
(scanner -> parse_response -> parse_read_data -> decode_text). The only exception allowed is
the named ProtocolError; anything else counts as a crash. Baseline: the same number of valid
frames through the same chain (frames/second of both are printed).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import bench_line  # noqa: E402
from shared.devices.idcard import protocol as p  # noqa: E402
from shared.devices.idcard.cardtext import decode_text  # noqa: E402
from shared.devices.idcard.emulator import encode_read_reply, make_demo_card  # noqa: E402

FRAMES = 100_000


def parse_chain(frame: bytes) -> None:
    """What the driver does with received bytes."""
    scanner = p.FrameScanner()
    scanner.feed(frame)
    while (found := scanner.next_frame()) is not None:
        reply = p.parse_response(found)
        if reply.sw3 == p.SW_OK and len(reply.data) > 8:
            decode_text(p.parse_read_data(reply.data).text)
    reply = p.parse_response(frame)  # and the strict one-frame parser
    if len(reply.data) > 8:
        decode_text(p.parse_read_data(reply.data).text)


def mutate(rng: random.Random, valid: list[bytes]) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randbytes(rng.randrange(0, 64))
    if kind == 1:
        return p.HEADER + rng.randbytes(rng.randrange(0, 1400))
    base = bytearray(rng.choice(valid))
    if kind == 2:  # flip a few bytes anywhere
        for _ in range(rng.randrange(1, 6)):
            base[rng.randrange(len(base))] = rng.randrange(256)
    elif kind == 3:  # truncate
        del base[rng.randrange(len(base)):]
    elif kind == 4:  # mutate the payload but fix the checksum: reaches the text decoder
        for _ in range(rng.randrange(1, 40)):
            base[rng.randrange(7, len(base) - 1)] = rng.randrange(256)
        base[-1] = p.checksum(base[5:-1])
    else:  # garbage around and between frames
        base = bytearray(rng.randbytes(rng.randrange(0, 8)) + base + rng.choice(valid)[:40])
    return bytes(base)


def main() -> None:
    rng = random.Random(467)
    card = make_demo_card()
    valid = [encode_read_reply(card), p.build_response(0x9F, bytes(4)),
             p.build_response(0x90, bytes(8)), p.build_response(0x80)]
    frames = [mutate(rng, valid) for _ in range(FRAMES)]
    crashes, named = 0, 0
    t0 = time.perf_counter()
    for frame in frames:
        try:
            parse_chain(frame)
        except p.ProtocolError:
            named += 1
        except Exception as exc:  # noqa: BLE001 - exactly what we count
            crashes += 1
            if crashes <= 5:
                print("CRASH {!r} on {}".format(exc, frame[:32].hex()))
    fuzz_s = time.perf_counter() - t0
    baseline = [valid[i % len(valid)] for i in range(FRAMES)]
    t0 = time.perf_counter()
    for frame in baseline:
        parse_chain(frame)
    base_s = time.perf_counter() - t0
    print("fuzz frames: {} ({} named ProtocolError, {} crashes)".format(FRAMES, named, crashes))
    print("fuzz throughput: {:.0f} frames/s; baseline (valid frames): {:.0f} frames/s".format(
        FRAMES / fuzz_s, FRAMES / base_s))
    bench_line("R3", "parser_crashes", crashes, "<=", 0, fmt="{:.0f}")


if __name__ == "__main__":
    main()
