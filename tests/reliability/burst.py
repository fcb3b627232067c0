"""Wrong passwords for one user sent all at once, and how many of them the login throttle
lets through to be checked (attacks.py's login-race, hosted.py's shared-throttle).

The throttle checks three tries freely; after them a try must wait 1 s, then 2 s, 4 s …, and a
try made while waiting starts the wait again (app/WebState.hpp). So a burst gets three checked
however long the server takes to answer it. A right password among them clears the count once
it is checked, and three more may be checked after it.
"""
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


def judge(results, seconds):
    """(ok, what happened): every try checked or refused, no more than three checked (six
    when the right password was among them)."""
    checked = sum(1 for r in results if r in (303, 401))
    refused = results.count(429)
    limit = 6 if 303 in results else 3
    return checked <= limit and checked + refused == len(results), (
        f"{checked} checked, {refused} answered 429 in {seconds:.1f} s")
