#!/usr/bin/python3
"""A local SMTP sink for peercert's tests (Debian's python3-aiosmtpd): keeps every message it
accepts as a file in a folder, and can misbehave on purpose.

  smtp_sink.py FOLDER [--refuse-after N] [--drop-after N] [--delay-ms N]

Prints "port NNNN" once listening on 127.0.0.1, then serves until SIGTERM. With
--refuse-after N it answers 554 to every message after the first N; with --drop-after N it
closes the connection in the middle of the message after the first N; with --delay-ms N it
waits N ms before answering each message, so that two senders overlap."""
import argparse
import asyncio
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse_after, drop_after, delay_ms=0):
        self.folder = folder
        self.delay = delay_ms / 1000
        self.refuse_after = refuse_after
        self.drop_after = drop_after
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)  # other connections are served meanwhile
        if self.refuse_after is not None and self.count >= self.refuse_after:
            return "554 5.7.1 Message refused by the test sink"
        if self.drop_after is not None and self.count >= self.drop_after:
            server.transport.abort()
            return "421 closing"
        self.count += 1
        name = os.path.join(self.folder, f"{self.count:04d}.eml")
        with open(name, "wb") as f:
            f.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            f.write(f"X-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n".encode())
            f.write(envelope.original_content)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--refuse-after", type=int)
    parser.add_argument("--drop-after", type=int)
    parser.add_argument("--delay-ms", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    # aiosmtpd 1.4 checks it is up by connecting to its port, so it needs a real one.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(args.folder, args.refuse_after, args.drop_after, args.delay_ms),
                            hostname="127.0.0.1", port=port)
    controller.start()
    print(f"port {port}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()
    return 0


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    sys.exit(main())
