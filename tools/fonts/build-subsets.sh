#!/usr/bin/env bash
# Maintainer's tool: rebuilds src/DerivBot.Charts/Fonts/DerivBotSans{TC,SC}-{Regular,Bold}.otf and OFL.txt from the
# full Noto Sans CJK fonts. Run it after adding wording (any .resx under src/) or chart literals, then commit the fonts;
# FontCoverageTests fails, naming the character, when a chart string is not covered. Users never need this.
# Needs (Debian/Ubuntu): fonts-noto-cjk (the source fonts) and python3-fonttools (the subsetter).
set -euo pipefail
cd "$(dirname "$0")/../.."
need=()
for pkg in fonts-noto-cjk python3-fonttools; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (maintainer tooling only)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Debian's python3-fonttools lives in the system interpreter, not in a pyenv/venv python that may come first on PATH.
exec /usr/bin/python3 tools/fonts/subset.py "$@"
