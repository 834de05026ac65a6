"""The README's Postfix example, run as written (only paths, ports and the domain substituted)
by Debian's Postfix with a private configuration, queue and `maillog_file` on a high port, in
front of the receiver of `matcher inbound-smtp`: a reply to `reply+TOKEN@` and a delivery report
to `bounce+ID.SIGNATURE@` go through Postfix and are stored and acted on; mail to any other local
part of the domain, or to another domain, is refused at the SMTP stage."""

from __future__ import annotations

import os
import re
import shutil
import smtplib
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from matcher.cli.inbound_smtp import make_controller
from matcher.mail.headers import bounce_address
from matcher.models import EmailStatus, InboundEmail, IntroductionStatus, OutboundEmail, Suppression
from matcher.security.crypto import blind_index
from tests.support.forms import submit_form
from tests.support.mail import answer_links, free_port, make_introduction

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "mail"
POSTFIX = "/usr/sbin/postfix"
MASTER_CF = Path("/usr/share/postfix/master.cf.dist")  # shipped by Debian's postfix package
MARKER = "<!-- postfix example: tests/servers/test_postfix.py -->"
FILE_HEADER = re.compile(r"^# (/etc/postfix/\S+)$", re.MULTILINE)

pytestmark = pytest.mark.slow


def readme_files() -> dict[str, str]:
    """The files of the README's Postfix block, by path (each starts with `# /etc/postfix/…`)."""
    text = (ROOT / "README.md").read_text()
    assert MARKER in text, f"the README lost its marker {MARKER}"
    match = re.match(r"\s*```\n(.*?)\n```", text.split(MARKER, 1)[1], re.DOTALL)
    assert match, f"no ``` block right after {MARKER}"
    parts = FILE_HEADER.split(match.group(1))
    return {path: body.strip() + "\n" for path, body in zip(parts[1::2], parts[2::2], strict=True)}


def substitute(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


@dataclass
class Postfix:
    """A running private Postfix: its SMTP port and its log."""

    port: int
    maillog: Path

    def log(self) -> str:
        return self.maillog.read_text() if self.maillog.exists() else ""

    def wait_for(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log()):
            if time.monotonic() > deadline:
                raise AssertionError(f"Postfix never logged {pattern!r}:\n{self.log()[-3000:]}")
            time.sleep(0.1)


def _postfix(config: Path, *command: str) -> None:
    done = subprocess.run(  # noqa: S603 (Debian's postfix, our own configuration)
        [POSTFIX, "-c", str(config), *command], capture_output=True, text=True, timeout=60
    )
    log = (config.parent / "maillog").read_text() if (config.parent / "maillog").exists() else ""
    assert done.returncode == 0, f"postfix {' '.join(command)}: {done.stderr}\n{log[-3000:]}"


@pytest.fixture
def postfix(app) -> Iterator[tuple[Postfix, int]]:
    """Postfix with the README's lines, relaying the service's domain to a receiver port."""
    if not Path(POSTFIX).exists() or not MASTER_CF.exists():
        pytest.fail(f"Postfix is missing at {POSTFIX}: `make test` installs Debian's postfix")
    if os.geteuid() != 0:
        pytest.fail("Postfix's master must start as root (as on a mail host and in CI)")
    # Postfix's own processes run as the postfix user: the folders must be reachable by it.
    folder = Path(tempfile.mkdtemp(prefix="matcher-postfix-"))
    folder.chmod(0o755)
    config, data = folder / "etc", folder / "lib"
    for made in (config, data, folder / "spool"):
        made.mkdir()
    shutil.chown(data, user="postfix")
    port, inbound_port = free_port(), free_port()
    domain = app.config["SERVER_NAME_FOR_MAIL"]
    replacements = {
        "actions\\.example\\.org": re.escape(domain),
        "actions.example.org": domain,
        "/etc/postfix/": f"{config}/",
        "[127.0.0.1]:8025": f"[127.0.0.1]:{inbound_port}",
    }
    files = readme_files()
    assert set(files) == {
        "/etc/postfix/main.cf",
        "/etc/postfix/matcher_transport",
        "/etc/postfix/matcher_recipients",
    }, sorted(files)
    for path, body in files.items():
        target = Path(substitute(path, replacements))
        if target.name != "main.cf":
            target.write_text(substitute(body, replacements))
    # A private instance (its own queue and log, loopback only); then the README's lines. The
    # test's client on 127.0.0.1 is not in mynetworks: it is a stranger from the Internet.
    (config / "main.cf").write_text(
        "compatibility_level = 3.6\n"
        f"queue_directory = {folder / 'spool'}\ndata_directory = {data}\n"
        f"maillog_file = {folder / 'maillog'}\nmaillog_file_prefixes = {folder}\n"
        "inet_interfaces = 127.0.0.1\ninet_protocols = ipv4\nmyhostname = mx.example.test\n"
        "mydestination =\nmynetworks = 192.0.2.1/32\nalias_maps =\nalias_database =\n"
        + substitute(files["/etc/postfix/main.cf"], replacements)
    )
    shutil.copy(MASTER_CF, config / "master.cf")
    _postconf = [POSTFIX.replace("postfix", "postconf"), "-c", str(config)]
    for change in (
        ["-M#", "smtp/inet"],
        ["-M", f"127.0.0.1:{port}/inet = 127.0.0.1:{port} inet n - n - - smtpd"],
        ["-F", "*/*/chroot = n"],
    ):
        subprocess.run([*_postconf, *change], check=True, capture_output=True)  # noqa: S603
    _postfix(config, "check")
    _postfix(config, "start")
    server = Postfix(port, folder / "maillog")
    try:
        server.wait_for(r"daemon started")
        yield server, inbound_port
    finally:
        _postfix(config, "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _introduced(client, db, outbox):
    introduction = make_introduction()
    db.commit()
    for message in outbox.messages():
        text = message.get_body(preferencelist=("plain",)).get_content()
        submit_form(client, answer_links(text)["accept"])
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.introduced
    return introduction


def _fixture(name: str, introduction, parent: str) -> bytes:
    raw = (FIXTURES / name).read_bytes()
    return (
        raw.replace(b"<PARENT-ID@matcher.localhost>", parent.encode())
        .replace(b"<THREAD-ROOT@matcher.localhost>", introduction.thread_message_id.encode())
        .replace(b"REPLYTOKEN", introduction.reply_token.encode())
    )


def test_replies_and_bounces_reach_inbound_smtp_through_postfix(
    app, client, db, outbox, postfix
) -> None:
    server, inbound_port = postfix
    domain = app.config["SERVER_NAME_FOR_MAIL"]
    introduction = _introduced(client, db, outbox)
    to_beto = db.session.scalar(
        select(OutboundEmail).where(
            OutboundEmail.introduction_id == introduction.id,
            OutboundEmail.kind == "introduction",
            OutboundEmail.recipient_index == blind_index("beto@example.net"),
        )
    )
    request_to_beto = db.session.scalar(
        select(OutboundEmail).where(
            OutboundEmail.introduction_id == introduction.id,
            OutboundEmail.kind != "introduction",
            OutboundEmail.recipient_index == blind_index("beto@example.net"),
        )
    )
    assert request_to_beto.status == EmailStatus.sent
    reply = _fixture("apple_mail_reply.eml", introduction, to_beto.message_id)
    report = _fixture("bounce_postfix.eml", introduction, request_to_beto.message_id)
    reply_to = f"reply+{introduction.reply_token}@{domain}"
    return_path = bounce_address(request_to_beto.id)

    controller = make_controller(app, "127.0.0.1", inbound_port)  # what `inbound-smtp` serves
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as smtp:
            for stranger in (f"postmaster@{domain}", f"reply+{'0' * 8}@{domain}", "a@example.net"):
                with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
                    smtp.sendmail("spammer@example.net", [stranger], reply)
                code, text = refused.value.recipients[stranger]
                assert code >= 500, (stranger, code, text)
            smtp.sendmail("ana@example.org", [reply_to], reply)
            smtp.sendmail("", [return_path], report)  # a DSN has the null return path
        for address in (reply_to, return_path):
            server.wait_for(rf"to=<{re.escape(address)}>, relay=127\.0\.0\.1.*status=sent")
    finally:
        controller.stop()

    log = server.log()
    assert "no such mailbox here" in log and "Relay access denied" in log
    # Postfix delivers the two in parallel: in either order.
    stored = {message.kind: message for message in db.session.scalars(select(InboundEmail))}
    assert sorted(stored) == ["bounce", "reply"]
    assert stored["reply"].introduction_id == introduction.id
    assert stored["reply"].body_text == "Tuesday works for us. Call me after 6."
    db.session.refresh(introduction)
    assert introduction.status == IntroductionStatus.replied
    assert stored["bounce"].outbound_email_id == request_to_beto.id
    db.session.refresh(request_to_beto)
    assert request_to_beto.status == EmailStatus.bounced
    suppression = db.session.scalar(select(Suppression))
    assert suppression.email == blind_index("beto@example.net")
