"""A local stand-in for the company registry's open-data API, served by a thread of the test
process: it answers in the registry's JSON shape for the companies a test puts in it."""

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from registry.client import COMPANY_DATASET


def company_row(tax_id, **fields):
    """One company as dataset 5F64D864-… writes it (dates in ROC years, amounts in NT$)."""
    row = {
        "Business_Accounting_NO": tax_id,
        "Company_Status_Desc": "核准設立",
        "Company_Name": "台北好物股份有限公司",
        "Capital_Stock_Amount": 10000000,
        "Paid_In_Capital_Amount": 5000000,
        "Responsible_Name": "陳志明",
        "Register_Organization": "10",
        "Register_Organization_Desc": "臺北市政府",
        "Company_Location": "臺北市信義區市府路1號",
        "Company_Setup_Date": "1050304",
        "Change_Of_Approval_Data": "1120815",
        "Revoke_App_Date": "",
        "Case_Status": "",
        "Case_Status_Desc": "",
        "Sus_App_Date": "",
        "Sus_Beg_Date": "",
        "Sus_End_Date": "",
        "Company_Status": "01",
    }
    row.update(fields)
    return row


class RegistryServer:
    """``answers[tax_id]`` is a list of rows (found), ``b"..."`` (sent as is: malformed), or
    ("slow", seconds, answer); a number it does not hold gets the registry's empty body."""

    def __init__(self):
        self.answers = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                url = urllib.parse.urlsplit(self.path)
                if not url.path.endswith(f"/{COMPANY_DATASET}"):
                    self.send_error(404)
                    return
                query = urllib.parse.parse_qs(url.query).get("$filter", [""])[0]
                match = re.fullmatch(r"Business_Accounting_NO eq (\d{8})", query)
                answer = server.answers.get(match.group(1)) if match else None
                if isinstance(answer, tuple) and answer[0] == "slow":
                    time.sleep(answer[1])
                    answer = answer[2]
                if answer is None:
                    body = b""
                elif isinstance(answer, bytes):
                    body = answer
                else:
                    body = json.dumps(answer, ensure_ascii=False).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/od/data/api"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def reset(self):
        self.answers.clear()
        self.requests.clear()

    def found(self, tax_id, **fields):
        self.answers[tax_id] = [company_row(tax_id, **fields)]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
