"""The README's nginx example, run as written (only ports, paths, the name and the certificate
substituted) by Debian's nginx with a self-signed certificate, in front of the app under
gunicorn in production settings, and driven by Chromium: a form submitted and confirmed, links
in feeds and API answers with scheme, host and port, limits counted per forwarded client
address, unknown names refused, no token and no client address in the access log; and the
same setup with nginx's `$host`, which drops the port, refusing the form with a clear page and a
hint in the app's log."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import http.client
import ipaddress
import json
import os
import re
import secrets
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from playwright.sync_api import expect

from tests.support.forms import find_form

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
MARKER = "<!-- nginx example: tests/servers/test_nginx.py -->"
HOST_LINE = "proxy_set_header Host $http_host;"
LINK = re.compile(r"https://[^/\s]+/(?:verify|manage)/[\w.\-]+\?lang=\w+")
DAY = (date.today() + timedelta(days=40)).isoformat()

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def readme_block(marker: str, language: str) -> str:
    """The first ```language block after `marker` in the README."""
    text = (ROOT / "README.md").read_text()
    assert marker in text, f"the README lost its marker {marker}"
    after = text.split(marker, 1)[1]
    match = re.match(rf"\s*```{language}\n(.*?)\n```", after, re.DOTALL)
    assert match, f"no ```{language} block right after {marker}"
    return match.group(1)


def substitute(block: str, replacements: dict[str, str]) -> str:
    """`block` with each key replaced; every key must be there (the README and the test agree)."""
    for old, new in replacements.items():
        assert old in block, f"the README's nginx example no longer has {old!r}"
        block = block.replace(old, new)
    return block


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise AssertionError(f"{what} stopped with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{what} does not answer on port {port}")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Proxy:
    """A running nginx: its HTTPS and HTTP ports and its log folder."""

    https_port: int
    http_port: int
    logs: Path

    @property
    def origin(self) -> str:
        return f"https://localhost:{self.https_port}"


def nginx_config(block: str, folder: Path, upstream: int, cert: Path, key: Path) -> Proxy:
    """Write a complete nginx.conf around the README's block into `folder`."""
    proxy = Proxy(_free_port(), _free_port(), folder / "logs")
    proxy.logs.mkdir(parents=True)
    site = substitute(
        block,
        {
            "listen 443": f"listen 127.0.0.1:{proxy.https_port}",
            "listen 80;": f"listen 127.0.0.1:{proxy.http_port};",
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream};",
            "/etc/letsencrypt/live/actions.example.org/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/actions.example.org/privkey.pem": str(key),
            "/var/log/nginx/": f"{proxy.logs}/",
            "actions.example.org": "localhost",
        },
    )
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    temp += f"\n    uwsgi_temp_path {folder / 'uwsgi'};\n    scgi_temp_path {folder / 'scgi'};"
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {proxy.logs / 'main.error.log'} warn;\n"
        "events { worker_connections 128; }\n"
        f"http {{\n{temp}\n    access_log off;\n{site}\n}}\n"
    )
    return proxy


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """gunicorn (production settings, SQLite, demo data) behind two nginx: the README's, and
    the README's with `$host` instead of `$http_host`."""
    if not Path(NGINX).exists():
        pytest.fail(f"nginx is missing at {NGINX}: `make test` installs Debian's nginx")
    folder = tmp_path_factory.mktemp("nginx")
    cert, key = self_signed_certificate(folder)
    block = readme_block(MARKER, "nginx")
    upstream = _free_port()
    good = nginx_config(block, folder / "http_host", upstream, cert, key)
    broken = nginx_config(
        substitute(block, {HOST_LINE: "proxy_set_header Host $host;"}),
        folder / "host",
        upstream,
        cert,
        key,
    )
    env = {
        **os.environ,
        "MATCHER_CONFIG": "production",
        "MATCHER_INSTANCE_PATH": str(folder / "instance"),
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "BASE_URL": good.origin,
        "MAIL_OUTBOX_DIR": str(folder / "outbox"),
        "RESEND_RATE_LIMIT": "2 per hour",  # counted per client address: the forwarded one
    }
    matcher = Path(sys.executable).with_name("matcher")
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run(  # noqa: S603 (our own commands)
            [str(matcher), *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    app_log = folder / "gunicorn.log"
    processes: list[subprocess.Popen] = []
    with app_log.open("wb") as log_file:
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        processes.append(
            subprocess.Popen(  # noqa: S603 (our own server)
                [gunicorn, "--threads", "4", "--bind", f"127.0.0.1:{upstream}", "wsgi:app"],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=log_file,
            )
        )
    try:
        _wait_for_port(upstream, processes[0], "gunicorn")
        for proxy in (good, broken):
            conf = proxy.logs.parent / "nginx.conf"
            startup = proxy.logs / "startup.log"
            command = [NGINX, "-p", str(proxy.logs.parent), "-c", str(conf), "-e", str(startup)]
            checked = subprocess.run([*command, "-t"], capture_output=True, text=True)  # noqa: S603
            assert checked.returncode == 0, checked.stderr
            processes.append(
                subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
            )
            _wait_for_port(proxy.https_port, processes[-1], "nginx")
        yield {"good": good, "broken": broken, "app_log": app_log, "outbox": folder / "outbox"}
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh browser context that accepts the self-signed certificate."""
    context = browser.new_context(locale="en-US", ignore_https_errors=True)
    yield context
    context.close()


def submit(page, origin: str, title: str, address: str) -> object:
    """Fill the submission form as a person would and send it; the answer to the POST."""
    page.goto(origin + "/submit")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(DAY)
    page.get_by_label("City or place").fill("San Diego, CA")
    page.get_by_label("Target type").select_option("detention_center")
    page.get_by_label("Target", exact=True).fill("Otay Mesa Detention Center")
    page.get_by_label("Contact name").fill("Rosa Proxy")
    page.get_by_label("Contact email").fill(address)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Submit action").click()
    return answer.value


def mail_links(outbox: Path, address: str) -> list[str]:
    """The private links in the mail written to `address`."""
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == address:
            found += LINK.findall(message.get_body(preferencelist=("plain",)).get_content())
    return found


def test_the_readme_example_serves_the_app_through_tls(stack, context) -> None:
    good = stack["good"]
    page = context.new_page()
    address = "rosa.proxy@example.org"
    assert submit(page, good.origin, "Vigil through nginx", address).status == 302
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    links = mail_links(stack["outbox"], address)
    [verify] = [link for link in links if "/verify/" in link]
    [manage] = [link for link in links if "/manage/" in link]
    assert verify.startswith(good.origin + "/verify/")
    page.goto(verify)
    page.get_by_role("button", name="Confirm and publish my action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your action is confirmed")
    page.goto(manage)
    expect(page.get_by_label("Title", exact=True)).to_have_value("Vigil through nginx")

    # Links built from Host and X-Forwarded-Proto keep the scheme, the name and the port.
    osdi = context.request.get(good.origin + "/api/osdi/v1/events").json()
    hrefs = re.findall(r'"href": "([^"]+)"', json.dumps(osdi))
    ours = [href for href in hrefs if "opensupporter" not in href]  # the curies are the spec's
    assert ours and all(href.startswith(good.origin + "/api/osdi/v1/") for href in ours), ours
    actions = context.request.get(good.origin + "/api/v1/actions").json()["actions"]
    assert all(action["url"].startswith(good.origin + "/actions/") for action in actions)
    listed = next(action for action in actions if action["title"] == "Vigil through nginx")
    page.goto(listed["url"])
    subscribe = page.get_by_role("link", name="Subscribe").first.get_attribute("href")
    assert subscribe.startswith(f"webcal://localhost:{good.https_port}/")

    # The access log: masked private links, no token, no query, no client address.
    time.sleep(0.5)  # nginx writes the line once the answer is sent
    log = (good.logs / "matcher.access.log").read_text()
    assert " POST /submit 302 " in log
    assert " POST /verify/[token] 200 " in log
    assert " GET /manage/[token] 200 " in log
    for link in (verify, manage):
        token = link.split("?")[0].rsplit("/", 1)[1]
        assert token not in log
    assert "127.0.0.1" not in log and "?" not in log
    errors = (good.logs / "matcher.error.log").read_text()
    assert "127.0.0.1" not in errors and "/verify/" not in errors


def _tls() -> ssl.SSLContext:
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    return tls


def resend_from(source: str, proxy: Proxy, address: str) -> int:
    """Ask for a new link through the form of /verify/resend from the client address `source`
    (a loopback address of its own); the status of the post."""
    connection = http.client.HTTPSConnection(
        "localhost", proxy.https_port, timeout=10, context=_tls(), source_address=(source, 0)
    )
    try:
        connection.request("GET", "/verify/resend")
        page = connection.getresponse()
        html = page.read().decode()
        sent = [value.split(";")[0] for value in page.headers.get_all("Set-Cookie", [])]
        cookie = "; ".join(value for value in sent if value.startswith("__Host-session="))
        form = find_form(html, "/verify/resend").fill({"email": address})
        headers = {
            "Cookie": cookie,
            "Referer": proxy.origin + "/verify/resend",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        connection.request(
            "POST", form.url, urlencode(list(form.data().items(multi=True))), headers
        )
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


def test_limits_count_the_address_nginx_forwards(stack) -> None:
    """X-Forwarded-For $remote_addr from the trusted proxy: each client has its own count (the
    limit is 2 an hour here); without it every client would share nginx's address."""
    good = stack["good"]
    statuses = [resend_from("127.0.0.2", good, f"n{n}@example.org") for n in range(3)]
    assert statuses == [200, 200, 429]
    assert resend_from("127.0.0.3", good, "n9@example.org") == 200


def test_plain_http_is_sent_to_https(stack) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", stack["good"].http_port, timeout=5)
    connection.request("GET", "/submit?lang=es", headers={"Host": "localhost"})
    answer = connection.getresponse()
    connection.close()
    assert answer.status == 301
    assert answer.getheader("Location") == "https://localhost/submit?lang=es"


def test_unknown_names_are_refused(stack) -> None:
    port = stack["good"].https_port
    tls = _tls()
    for name in ("scanner.example", None):  # a wrong name, or none (an address-only scan)
        with (
            socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
            pytest.raises(ssl.SSLError, match=r"(?i)unrecognized.name"),
        ):
            tls.wrap_socket(raw, server_hostname=name)
    connection = http.client.HTTPSConnection("localhost", port, timeout=5, context=tls)
    connection.request("GET", "/", headers={"Host": "other.example"})
    try:
        status = connection.getresponse().status
    except http.client.RemoteDisconnected:
        status = None  # closed without an answer
    finally:
        connection.close()
    assert status in (None, 421), status


def test_with_host_instead_of_http_host_every_form_post_fails(stack, context) -> None:
    """The control: nginx's `$host` drops the port, Flask-WTF's HTTPS referrer check refuses the
    post; the page says nothing was saved, the app's log says what to check."""
    broken = stack["broken"]
    page = context.new_page()
    answer = submit(page, broken.origin, "Vigil through a misconfigured proxy", "a@example.org")
    assert answer.status == 400
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "This form could not be checked, so nothing was saved"
    )
    assert not mail_links(stack["outbox"], "a@example.org")
    osdi = context.request.get(broken.origin + "/api/osdi/v1/").json()
    assert osdi["_links"]["self"]["href"].startswith("https://localhost/")  # the port is lost
    log = stack["app_log"].read_text()
    assert "referrer does not match: check the proxy's Host header" in log
    assert "POST /submit" in log
