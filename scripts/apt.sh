# apt_need PKG...: installs the Debian packages that are missing (apt-get update once per run).
# Sourced by scripts/setup.sh and scripts/setup-python.sh, which define `say`.
apt_updated=""
apt_need() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
