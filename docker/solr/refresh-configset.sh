#!/bin/bash
# Sourced by the Solr image's initdb hook (solr-precreate runs it before it
# creates the core and starts Solr), so: no `set` options, no `exit`.
# precreate copies the configset into the core only once, when the core does not
# exist yet; copying the mounted conf/ over the core's on every start makes a
# schema or word-list change take effect with `docker compose restart solr`
# (then rebuild the index from CKAN: see docker/README.md).
vusta_source_conf=/opt/solr/server/configsets/vusta/conf
vusta_core_conf=/var/solr/data/ckan/conf

if [[ -d "${vusta_core_conf}" ]]; then
    echo "[vusta] refreshing ${vusta_core_conf} from ${vusta_source_conf}"
    cp -R "${vusta_source_conf}/." "${vusta_core_conf}/"
fi
unset vusta_source_conf vusta_core_conf
