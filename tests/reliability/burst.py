"""Wrong passwords for one user sent all at once, and how many of them the login throttle may
let through to be checked (attacks.py's login-race, hosted.py's shared-throttle).

The throttle checks three tries freely; after them each try waits for the one before it to be
1 s, then 2 s, 4 s … old (web/Sessions.hpp). So a burst that takes the server S seconds to
answer may have had 3 + floor(log2(S + 1)) tries checked, and a burst answered within a
second exactly three. A right password among them clears the count once it is checked, so
it may let as many again through after it.
"""
import math
import threading
import time


def fire(server, passwords, name="dana"):
    """Each password on its own connection, all released at once; the statuses in order and
    the seconds from the release to the last answer."""
    forms = [server.login_form() for _ in passwords]
    results = [None] * len(passwords)
    barrier = threading.Barrier(len(passwords) + 1)

    def attempt(i):
        token, cookie = forms[i]
        barrier.wait()
        results[i] = server.request("POST", "/login", {"csrf": token, "name": name,
                                                      "password": passwords[i],
                                                      "next": "/staff/"},
                                    {"Cookie": cookie})[0]

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    return results, time.monotonic() - start


def allowed(seconds, logged_in=False):
    """How many tries of a burst answered within `seconds` the throttle may check."""
    once = 3 + math.floor(math.log2(seconds + 1))
    return 2 * once if logged_in else once


def judge(results, seconds):
    """(ok, what happened): every try checked or refused, no more checked than allowed."""
    checked = sum(1 for r in results if r in (303, 401))
    refused = results.count(429)
    limit = allowed(seconds, 303 in results)
    return checked <= limit and checked + refused == len(results), (
        f"{checked} checked (at most {limit} in {seconds:.1f} s), {refused} answered 429")
