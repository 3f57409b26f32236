#!/usr/bin/python3
# read-icalendar.py FILE: an independent reading of an exported calendar
# (python3-icalendar), as JSON on stdout for the C tests
# (lt_test_read_icalendar() in tests/lt-test-util.c): the parser's errors
# and, per VEVENT, what the tests compare.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

import icalendar

cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
errors = [e for c in cal.walk() for e in getattr(c, 'errors', [])]
events = []
for e in cal.walk('VEVENT'):
    events.append({
        'uid': str(e['UID']),
        'summary': str(e['SUMMARY']),
        'description': str(e['DESCRIPTION']),
        'start': e.decoded('DTSTART').isoformat(),
        'end': e.decoded('DTEND').isoformat() if 'DTEND' in e else None,
        'stamp': e.decoded('DTSTAMP').isoformat(),
        'alarms': [int(a.decoded('TRIGGER').total_seconds()) for a in e.walk('VALARM')],
    })
print(json.dumps({'errors': [str(e) for e in errors], 'events': events}))
