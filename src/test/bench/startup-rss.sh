#!/bin/bash
cd "$(dirname "$0")/../../.."
start=$(date +%s.%N)
/usr/bin/time -v -o /tmp/time.txt java -Dquarkus.profile=prod -Dquarkus.http.port=8090 -Dlinli.phone-hash-key=bench \
  -Dlinli.bootstrap.admin-password=bench-password -jar target/quarkus-app/quarkus-run.jar > /tmp/prod.log 2>&1 &
for i in $(seq 1 600); do curl -sf localhost:8090/q/health/ready >/dev/null 2>&1 && break; sleep 0.05; done
ready=$(date +%s.%N)
echo "ready_after_s=$(echo "$ready - $start" | bc)  $(grep -o 'started in [0-9.]*s' /tmp/prod.log)  load: $(cut -d' ' -f1 /proc/loadavg)"
sleep 3
pid=$(pgrep -f "^java .*quarkus.http.port=8090")
echo "rss_after_start_kb=$(ps -o rss= -p $pid)"
kill $pid; sleep 2
grep -E "Maximum resident" /tmp/time.txt
