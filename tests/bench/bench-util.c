/* bench-util.c: what the benchmarks of tests/bench share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-util"

#include "config.h"

#include "bench-util.h"

#include <string.h>

/* The words of bench-ticket-list.c, so every benchmark files tickets that
 * look alike. */
static const char * const subjects[] = {
  "Nightly import", "Audit export", "Login page", "Report builder", "Backup job",
  "LDAP sync", "Dashboard", "Alert rules", "Search index", "API gateway",
  "Scheduled scan", "Certificate renewal", "Agent upgrade", "Policy editor",
  "Email digest", "SAML sign-on", "Asset inventory", "Retention cleanup",
  "Disk monitor", "Disk cleanup",
};
static const char * const problems[] = {
  "fails with error 1042", "times out after 30 s", "is slow since the upgrade",
  "shows no data", "crashes on large files", "returns HTTP 500",
  "skips some records", "loses its settings after restart",
  "uses 100 % CPU", "reports the wrong time zone", "cannot reach the database",
  "sends duplicate notifications", "hits a disk timeout",
};
static const char * const places[] = {
  "", " on the primary node", " for some users", " after 3.3.1", " in the EU tenant",
  " since Monday", " on Windows agents", " behind the proxy",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
lt_bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0.0);

  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2.0;
}

double
lt_bench_maximum (GArray *values)
{
  double max = 0.0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

/* The KiB of @field ("VmRSS:") in /proc/self/status, -1 when unknown. */
static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

gint64
lt_bench_vm_rss_kib (void)
{
  return read_status_kib ("VmRSS:");
}

gint64
lt_bench_vm_hwm_kib (void)
{
  return read_status_kib ("VmHWM:");
}

char *
lt_bench_ticket_title (GRand *rand)
{
  return g_strdup_printf ("%s %s%s", PICK (rand, subjects), PICK (rand, problems), PICK (rand, places));
}
