# Sourced (not executed) by the base image's start_ckan.sh, after prerun.py.
# prerun.py runs `ckan db init` before it writes CKAN__PLUGINS into ckan.ini, so on
# a first start (or after a plugin is added) the new plugins' migrations
# (harvest, activity, dcat, vusta) have not run yet. `ckan db upgrade` applies
# core and every enabled plugin's migrations; it is a no-op when all are applied.
echo "[vusta] Applying database migrations of the enabled plugins"
if ! ckan -c "${CKAN_INI}" db upgrade; then
    echo "[vusta] 'ckan db upgrade' failed: CKAN not started (see the error above)" >&2
    exit 1
fi
