# Sourced by install.sh. Removes what an outer npm puts into the environment of
# its scripts, so the nested `npm install`s behave as if run from a plain shell.
# Under `npm test`, npm exports npm_config_user_agent (naming the project's
# Node 20, which code-server's postinstall reads and refuses), npm_config_prefix,
# npm_config_local_prefix (the project), npm_config_node_gyp and nodedir (Node
# 20's), NODE, INIT_CWD, and node_modules/.bin folders on PATH.
# Kept: the network and registry settings a user sets on purpose.
clean_npm_env() {
  local name
  for name in $(compgen -e); do
    case "${name,,}" in
      npm_config_registry | npm_config_cafile | npm_config_ca | npm_config_proxy | npm_config_https_proxy | \
        npm_config_noproxy | npm_config_strict_ssl | npm_config_cache | npm_config_userconfig | npm_config__auth*) ;;
      npm_* | init_cwd | node) unset "$name" ;;
    esac
  done
  local dir kept=()
  local IFS=:
  for dir in $PATH; do
    case "$dir" in
      */node_modules/.bin | */node-gyp-bin) ;;
      *) kept+=("$dir") ;;
    esac
  done
  PATH="${kept[*]}"
  export PATH
}
