"""Two people asking for the last seat at the same moment: one seat, one waiting list.

Person A is inside a registration transaction holding the event's lock when
person B asks for the same last seat.  B must wait for A's commit and then find
the event full; without the lock (PostgreSQL: ``select_for_update``; SQLite: the
``BEGIN IMMEDIATE`` write lock) both would read "0 confirmed" and both would be
confirmed.

SQLite's in-memory test database (shared cache) refuses a second writer at once
("database table is locked") instead of making it wait as a database file does;
Ben then asks again, like a person pressing the button once more, until Anna's
transaction is over.  PostgreSQL makes him wait on the row lock.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import Event, Registration, RegistrationStatus


@pytest.mark.django_db(transaction=True)
def test_the_last_seat_goes_to_one_person_the_other_waits(make_event, make_user):
    event = make_event(capacity=1)
    anna = make_user(Role.MEMBER, "anna@test.local")
    ben = make_user(Role.MEMBER, "ben@test.local")
    a_holds_lock = threading.Event()
    results: dict[str, object] = {}
    finished: dict[str, float] = {}

    def anna_registers() -> None:
        try:
            with transaction.atomic():
                # Anna's registration has locked the event (as services.register does) …
                Event.objects.select_for_update().get(pk=event.pk)
                a_holds_lock.set()
                time.sleep(0.8)  # … and takes a moment while Ben asks for the same seat
                results["anna"] = services.register(event, anna)
                finished["anna"] = time.monotonic()
        except Exception as error:  # pragma: no cover - reported by the assertions below
            results["anna"] = error
        finally:
            connection.close()

    def ben_registers() -> None:
        try:
            assert a_holds_lock.wait(10)
            deadline = time.monotonic() + 15
            while True:
                try:
                    results["ben"] = services.register(event, ben)
                    break
                except OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            finished["ben"] = time.monotonic()
        except Exception as error:  # pragma: no cover
            results["ben"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=anna_registers), threading.Thread(target=ben_registers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert isinstance(results["anna"], Registration), results["anna"]
    assert isinstance(results["ben"], Registration), results["ben"]
    assert results["anna"].status == RegistrationStatus.CONFIRMED
    assert results["ben"].status == RegistrationStatus.WAITING
    assert finished["ben"] > finished["anna"]  # Ben waited for Anna's transaction
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting"]
