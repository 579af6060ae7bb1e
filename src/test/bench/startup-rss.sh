#!/bin/bash
# Starts the packaged application in the prod profile, polls /q/health/ready until UP, reads RSS.
# Usage: src/test/bench/startup-rss.sh [quarkus-app dir, default target/quarkus-app] [extra JVM args...]
# Health is on the management interface (9091 here) since issue 8; an older jar serves it on the HTTP port (8090),
# so both are polled. The secrets are non-demo values: the prod start refuses the demo ones.
cd "$(dirname "$0")/../../.."
app=$(realpath "${1:-target/quarkus-app}")
shift
cd "$app" # AppCDS (app-cds.jsa, see docs/benchmarks.md) needs the jar started from its directory
start=$(date +%s.%N)
/usr/bin/time -v -o /tmp/time.txt java -Dquarkus.profile=prod -Dquarkus.http.port=8090 -Dquarkus.management.port=9091 \
  -Dlinli.phone-hash-key=bench-phone-hash-key -Dlinli.bootstrap.admin-password=bench-password \
  -Dlinli.wechat.mp.token=benchtoken -Dlinli.wechat.mp.aes-key=QmVuY2gta2V5LW5vdC10aGUtZGVtby1vbmUtZm9yLWl -Dlinli.wechat.mp.secret=bench-mp-s3cret \
  -Dlinli.wechat.mini.secret=bench-mini-s3cret "$@" -jar quarkus-run.jar > /tmp/prod.log 2>&1 &
timer=$!
for i in $(seq 1 1200); do
  curl -sf localhost:9091/q/health/ready >/dev/null 2>&1 && break
  curl -sf localhost:8090/q/health/ready >/dev/null 2>&1 && break
  sleep 0.025
done
ready=$(date +%s.%N)
echo "ready_after_s=$(echo "$ready - $start" | bc)  $(grep -o 'started in [0-9.]*s' /tmp/prod.log)  load: $(cut -d' ' -f1 /proc/loadavg)"
sleep 3
pid=$(pgrep -P $timer java)
echo "rss_after_start_kb=$(ps -o rss= -p $pid)"
kill $pid
while kill -0 $timer 2>/dev/null; do sleep 0.1; done
grep -E "Maximum resident" /tmp/time.txt
