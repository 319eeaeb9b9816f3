# Puts Node.js 22 first on PATH in this shell when the machine's Node.js is older (Debian 12 ships 18, Debian 13
# ships 20), from the npm registry's own build of Node.js (the package node-<os>-<arch>), kept in a cache folder
# so it is fetched once. Use it as `source scripts/use-node.sh`; .ci/run does the same.
# Nothing is installed system-wide; a Node.js 22.12 or newer that is already on PATH is left alone.
samspill_node_version=22.23.5
samspill_node_ok() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}
if ! samspill_node_ok; then
  case "$(uname -s)" in Linux) samspill_os=linux ;; Darwin) samspill_os=darwin ;; *) samspill_os=unsupported ;; esac
  case "$(uname -m)" in x86_64 | amd64) samspill_arch=x64 ;; aarch64 | arm64) samspill_arch=arm64 ;; *) samspill_arch=unsupported ;; esac
  samspill_pkg="node-${samspill_os}-${samspill_arch}"
  samspill_dir="${XDG_CACHE_HOME:-$HOME/.cache}/samspill/${samspill_pkg}-${samspill_node_version}"
  samspill_bin="$samspill_dir/node_modules/$samspill_pkg/bin"
  if [ ! -x "$samspill_bin/node" ]; then
    echo "[node] Node.js $(node --version 2>/dev/null || echo 'is missing') is older than Samspill needs (22.12): fetching $samspill_pkg@$samspill_node_version from the npm registry into $samspill_dir" >&2
    npm install --prefix "$samspill_dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$samspill_pkg@$samspill_node_version" >&2
  fi
  if [ -x "$samspill_bin/node" ]; then
    export PATH="$samspill_bin:$PATH"
    hash -r 2>/dev/null
  fi
  if ! samspill_node_ok; then
    echo "[node] Samspill needs Node.js 22.12 or newer and could not get it from the npm registry (package $samspill_pkg@$samspill_node_version). Install Node.js 22 LTS (https://nodejs.org, your package manager or nvm) and try again." >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "[node] using Node.js $(node --version) from $samspill_bin" >&2
fi
unset -f samspill_node_ok
unset samspill_node_version samspill_os samspill_arch samspill_pkg samspill_dir samspill_bin
