/**
 * The HAProxy configuration the scale-out test runs (tests/sync/scale-out.test.ts), and the one
 * docs/OPERATIONS.md shows a council (server/ops/operations-doc.test.ts compares the two):
 * round robin over the processes, a process taken out while /api/health/ready fails and back
 * when it answers again, a request whose connection failed sent to another process, and the
 * client's address passed on in X-Forwarded-For (Lantern reads it with LANTERN_TRUST_PROXY=1).
 */
export function haproxyConfig(port: number, backends: number[]): string {
  return [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  retries 3',
    '  option redispatch',
    '  option forwardfor',
    'frontend lantern',
    `  bind 127.0.0.1:${port}`,
    '  default_backend servers',
    'backend servers',
    '  balance roundrobin',
    '  option httpchk GET /api/health/ready',
    '  default-server inter 250ms fall 2 rise 2',
    ...backends.map((p, i) => `  server lantern${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
}
