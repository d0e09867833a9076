#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests (driven by
# Playwright, never a browser downloaded by a test tool), gettext for the
# translation checks, nginx for the scaled-out cluster check, and PostgreSQL's
# client tools for the backup test, and a Traditional Chinese font so that the browser
# tests measure and see pages as readers do. Installs only what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
[ -n "$(fc-list :lang=zh-tw 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${missing[*]} with apt-get"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
