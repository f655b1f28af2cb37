"""The embedded mode's SQLite database under concurrent writes, and its file's permissions."""

import os
import stat
import subprocess
import sys

# Twenty threads write at once, each as a form does: read (is the name free?), then write,
# in one transaction. Run in a process of its own on a database file, as `communs run` does.
CONCURRENT_WRITES = """
import sys, threading, time
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth.models import User
from django.db import connection, transaction
call_command("migrate", "auth", verbosity=0)
start, errors = threading.Barrier(20), []

def sign_up(index):
    start.wait()
    try:
        with transaction.atomic():
            if not User.objects.filter(username=f"person{index}").exists():
                time.sleep(0.05)
                User.objects.create_user(f"person{index}", password=None)
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(20)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(User.objects.count(), len(errors), errors[:1])
"""


def run_in_embedded_mode(code: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "communs.settings"}
    env.pop("DATABASE_URL", None)
    env["COMMUNS_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_twenty_concurrent_writes_all_succeed(tmp_path):
    result = run_in_embedded_mode(CONCURRENT_WRITES, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[:2] == ["20", "0"], result.stdout


def test_the_database_is_in_wal_mode_and_readable_by_its_owner_only(tmp_path):
    result = run_in_embedded_mode(
        "import django; django.setup(); from django.db import connection;"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode');"
        "print(cursor.fetchone()[0])",
        tmp_path,
    )
    assert result.stdout.strip() == "wal", result.stderr[-2000:]
    for path in tmp_path.glob("communs.sqlite3*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
