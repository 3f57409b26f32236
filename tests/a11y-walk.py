#!/usr/bin/python3
# a11y-walk.py: the application as a screen reader meets it, on the real
# AT-SPI stack (docs/app.md, "Accessibility").
#
# Starts lockthreat-devportal --demo on loopback and LockThreat Support
# against it in a throw-away profile (as `make run` does), with two
# installations added through ltsupport; the application registers on the
# accessibility bus of the session it runs in (at-spi-bus-launcher is
# D-Bus activated; GTK_A11Y is left unset). Then it walks, through
# AT-SPI only, the header, the five pages and the main dialogs, and checks
# that
#   - every focusable or actionable element, and every table cell, has a
#     meaningful name: not empty, not a GType name (GTK 4.8 falls back to
#     "GtkListItemWidget"), no mnemonic underscore, no doubled words
#     ("_Save Save");
#   - every image has a name or a description, unless it is part of a
#     named control (GTK leaves presentation images out of the tree);
#   - every row of a table (tickets, releases) has a name that says what
#     its cells say;
#   - Tab from the start of the Tickets page stops once in the ticket list
#     and reaches the ticket's detail pane within TAB_LIMIT presses.
# It prints the offenders (where, role, path, name, what is wrong) and the
# counts, and exits 1 when an offender is not in ALLOWED (GTK 4.8 and
# libadwaita 1.2 limits that cannot be worked around; each with its
# reason, also in docs/app.md), 77 when pyatspi is missing.
#
# Run it inside a session bus and a display of its own:
#   dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/a11y-walk.py \
#     --builddir _build
# (tests/run-a11y-walk.sh, the `a11y-walk` test of `make test`, does so.)
# --only PAGE-OR-DIALOG (repeatable) walks part of it; A11Y_WALK_DEBUG=1
# prints each Tab stop and the children of each offender.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as e:
    print('SKIP: the AT-SPI introspection data is missing (gir1.2-atspi-2.0): %s' % e)
    sys.exit(77)

# Atspi.Action.get_action_name is the one Atspi.Accessible does not shadow
# (get_name), deprecated or not.
warnings.simplefilter('ignore', DeprecationWarning)

PAGES = [
    # (the switcher's tab, the page widget's GType: GTK 4.8 names an
    # unnamed generic widget after its type)
    ('Overview', 'LtOverviewPage'),
    ('Tickets', 'LtTicketsPage'),
    ('Changes', 'LtChangesPage'),
    ('Maintenance', 'LtMaintenancePage'),
    ('Versions', 'LtVersionsPage'),
]

# Tab presses from the Tickets page's first control (the search) within
# which focus must reach the ticket's detail pane: the filters and the
# list are a handful of stops.
TAB_LIMIT = 15

# Limits of GTK 4.8 and libadwaita 1.2 that our code cannot work around.
# (role, name or None for any, a regular expression that "WHERE: PATH"
# must match, the reason). docs/app.md ("Accessibility") lists the same.
ALLOWED = [
    ('page tab list', 'AdwViewSwitcher', r'',
     'libadwaita 1.2 gives the view switcher no name and no way to set one '
     'from outside (its page tabs are named)'),
    ('scroll pane', None, r'',
     'GTK 4.8 makes every GtkScrolledWindow focusable, and a Tab stop when '
     'nothing inside it takes the focus (an empty state); libadwaita 1.2 '
     'builds some of them (AdwPreferencesPage, AdwStatusPage); a screen '
     'reader then reads what it contains'),
    ('scroll bar', None, r'',
     'GTK 4.8 scrollbars: unnamed, not focusable, not actionable through '
     'AT-SPI'),
    ('list', 'GtkListView', r'combo box',
     'a closed GtkDropDown keeps its list of choices in the tree (GTK 4.8), '
     'unnamed; lt_ui_fix_accessible_names() names the list and its items '
     'when they are mapped'),
    ('list item', '', r'combo box',
     'the same list\'s choices while the drop-down is closed'),
    # Inside libadwaita's and GTK's own windows, built and kept by them.
    ('list', 'GtkListBox', r'^About:',
     'AdwAboutWindow (libadwaita 1.2) builds its lists (credits, legal, '
     'links) without names and gives no access to them'),
    ('list', 'GtkListBox', r'^Preferences: list\[0\] < panel\[0\] < panel\[0\]',
     'AdwPreferencesWindow\'s own list of search results (libadwaita 1.2) '
     'is in the tree, unnamed, while no search runs; '
     'lt_ui_fix_accessible_names() names it "Search results" once a search '
     'shows it'),
    ('text', 'GtkTextView', r'^About:',
     'AdwAboutWindow\'s troubleshooting and legal text views are unnamed '
     'and private to libadwaita 1.2'),
    ('push button', 'GtkButton', r'^About:',
     'AdwAboutWindow\'s back button on its subpages has no name in '
     'libadwaita 1.2'),
    ('image', 'GtkImage', r'^(About|Keyboard Shortcuts):',
     'the application icon in AdwAboutWindow and the search icon of '
     'GtkShortcutsWindow are unnamed images that GTK 4.8 and libadwaita '
     '1.2 do not mark as presentation'),
    ('push button', 'GtkImage', r'^Keyboard Shortcuts:',
     'GtkShortcutsWindow\'s search button (GTK 4.8) is an icon button '
     'without a tooltip or a name, private to GTK'),
    ('push button', 'GtkMenuButton', r'^Keyboard Shortcuts:',
     'GtkShortcutsWindow\'s section menu button (GTK 4.8) is named after '
     'its type; its label is private to GTK'),
]

GTYPE_NAME = re.compile(r'^(Gtk|Adw|Lt|Gdk|Gsk)[A-Z][A-Za-z0-9]*$')
MNEMONIC = re.compile(r'(^|[\s(“"])_[^\s_]')
# What makes an element actionable; GTK 4.8 gives every label clipboard and
# link actions, which do not make it a control.
ACTIVATING = {'click', 'activate', 'toggle', 'press', 'jump'}
IMAGE_ROLES = {'image', 'icon', 'animation'}
# Roles whose name comes from their own text: a selectable label is
# focusable and names itself.
TEXT_ROLES = {'label', 'heading', 'paragraph', 'static', 'caption'}


def name_problem(name):
    """What is wrong with @name as an accessible name, or None."""
    text = (name or '').strip()
    if not text:
        return 'no name'
    if GTYPE_NAME.match(text):
        return 'a type name'
    if MNEMONIC.search(text):
        return 'a mnemonic underscore'
    words = [w.lower() for w in text.replace('_', '').split()]
    for k in range(1, len(words) // 2 + 1):
        for i in range(len(words) - 2 * k + 1):
            if words[i:i + k] == words[i + k:i + 2 * k] and len(' '.join(words[i:i + k])) >= 3:
                return 'doubled words'
    return None


def meaningful(name):
    return name_problem(name) is None


def normalize(text):
    return ' '.join((text or '').split()).casefold()


class Node:
    """What the walk reads of one accessible, once."""

    def __init__(self, acc, parent, index):
        self.acc = acc
        self.parent = parent
        self.index = index
        self.role = acc.get_role_name()
        self.name = acc.get_name() or ''
        states = acc.get_state_set()
        self.focusable = states.contains(Atspi.StateType.FOCUSABLE)
        self.visible = states.contains(Atspi.StateType.VISIBLE)
        self.n_children = acc.get_child_count()
        self._actions = None
        self._description = None

    @property
    def actions(self):
        if self._actions is None:
            self._actions = []
            action = self.acc.get_action_iface()
            if action is not None:
                self._actions = [action.get_action_name(i)
                                 for i in range(action.get_n_actions())]
        return self._actions

    @property
    def description(self):
        if self._description is None:
            self._description = self.acc.get_description() or ''
        return self._description

    @property
    def interactive(self):
        if self.role in TEXT_ROLES:
            return False
        return self.focusable or any(a in ACTIVATING for a in self.actions)

    def label(self):
        if meaningful(self.name):
            return '%s “%s”' % (self.role, self.name[:40])
        return self.role

    def path(self):
        parts = []
        node = self
        while node is not None and len(parts) < 6:
            parts.append('%s[%d]' % (node.label(), node.index))
            node = node.parent
        return ' < '.join(parts)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Report:
    def __init__(self):
        self.interactive = 0
        self.cells = 0
        self.images = 0
        self.rows = 0
        self.offenders = []   # (where, node, problem, allowed reason or None)
        self.seen = set()
        self.tab = []

    def add(self, where, node, problem):
        reason = None
        for role, name, path, why in ALLOWED:
            if node.role == role and (name is None or node.name == name) \
               and re.search(path, where + ': ' + node.path()):
                reason = why
                break
        self.offenders.append((where, node, problem, reason))

    def failing(self):
        return [o for o in self.offenders if o[3] is None]


# Accessibles that went away while the walk read them: the application
# was still changing the tree (a sync filling the list).
VANISHED = [0]


def children(node):
    for i in range(node.n_children):
        try:
            child = node.acc.get_child_at_index(i)
            if child is None:
                continue
            yield Node(child, node, i)
        except GLib.Error:
            VANISHED[0] += 1
            continue


def walk_settled(root_finder, where, report, skip=lambda node: False, tries=4):
    """walk() until a walk reads a tree that held still: what a walk
    found while nodes vanished under it is thrown away and the page is
    walked again (its widgets are rebuilt when a sync changes the list)."""
    for attempt in range(tries):
        before = (report.interactive, report.cells, report.images, report.rows,
                  len(report.offenders))
        vanished = VANISHED[0]
        walk(root_finder(), where, report, skip=skip)
        if VANISHED[0] == vanished:
            return
        (report.interactive, report.cells, report.images, report.rows) = before[:4]
        del report.offenders[before[4]:]
        pump(2)
    raise RuntimeError('the %s tree kept changing under the walk' % where)


def walk(root, where, report, skip=lambda node: False):
    """Checks every node under @root (a Node) and returns them all."""
    nodes = []
    stack = [root]
    while stack:
        node = stack.pop()
        if skip(node):
            continue
        nodes.append(node)
        # A hidden popover keeps its content in the tree: not on screen.
        if node.visible:
            stack.extend(reversed(list(children(node))))

    for node in nodes:
        key = node.acc.path if hasattr(node.acc, 'path') else id(node.acc)
        if key in report.seen or not node.visible:
            continue
        report.seen.add(key)
        if node.interactive:
            report.interactive += 1
            problem = name_problem(node.name)
            if problem:
                report.add(where, node, problem)
                if os.environ.get('A11Y_WALK_DEBUG'):
                    print('  debug: %s children: %s' % (node.role, [(c.role, c.name) for c in children(node)][:5]))
        elif node.role == 'table cell':
            report.cells += 1
            problem = name_problem(node.name)
            if problem:
                report.add(where, node, problem + ' (table cell)')
        elif node.role in IMAGE_ROLES:
            report.images += 1
            in_named_control = any(a.interactive and meaningful(a.name)
                                   for a in node.ancestors())
            if not meaningful(node.name) and not node.description.strip() \
               and not in_named_control:
                report.add(where, node, 'an image without a description')
        if node.role == 'table row' and node.parent is not None \
           and node.parent.role != 'tree table' and node.parent.role != 'table':
            # A data row (the header row sits in the table itself).
            report.rows += 1
            says = [normalize(t) for t in row_texts(node) if re.search(r'\w', t)]
            # A cell named after its column ("State: Awaiting you") is
            # said by the row through its value.
            name = normalize(node.name)
            missing = [t for t in says
                       if t not in name and not (': ' in t and
                                                 (not re.search(r'\w', t.split(': ', 1)[1]) or
                                                  t.split(': ', 1)[1] in name))]
            if says and missing and meaningful(node.name):
                report.add(where, node, 'the row name leaves out “%s”' % '”, “'.join(missing))
    return nodes


def row_texts(row):
    texts = []
    stack = [row]
    while stack:
        node = stack.pop()
        if node.role in TEXT_ROLES and not GTYPE_NAME.match(node.name):
            texts.append(node.name)
        stack.extend(children(node))
    return texts


def find(root, predicate, skip=lambda node: False):
    stack = [root]
    while stack:
        node = stack.pop()
        if skip(node):
            continue
        if predicate(node):
            return node
        stack.extend(reversed(list(children(node))))
    return None


def pump(seconds):
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.iteration(False):
            pass
        time.sleep(0.02)


def wait_for(what, predicate, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        pump(0.25)
    raise RuntimeError('timed out after %d s waiting for %s' % (timeout, what))


def press(node):
    action = node.acc.get_action_iface()
    for i in range(action.get_n_actions()):
        if action.get_action_name(i) in ACTIVATING:
            action.do_action(i)
            return
    raise RuntimeError('%s has no action to press' % node.path())


SHIFT_MASK = 1 << 0
CONTROL_MASK = 1 << 2


def key(keysym, modifiers=0):
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


KEY_TAB = 0xff09
KEY_ESCAPE = 0xff1b
KEY_SPACE = 0x20
KEY_UP = 0xff52


def focus_pointer_root():
    """Without a window manager nobody gives the window the keyboard
    focus: let it follow the pointer (X's PointerRoot)."""
    import ctypes
    import ctypes.util
    x11 = ctypes.CDLL(ctypes.util.find_library('X11'))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise RuntimeError('cannot open the X display %s' % os.environ.get('DISPLAY'))
    x11.XSetInputFocus(display, 1, 1, 0)  # PointerRoot, RevertToPointerRoot, CurrentTime
    x11.XFlush(display)
    x11.XCloseDisplay(display)


def point_at(node):
    extents = node.acc.get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + 8, 'abs')


class App:
    """The devportal and the application, in a profile of their own."""

    def __init__(self, args):
        self.args = args
        self.profile = tempfile.mkdtemp(prefix='lt-a11y-walk-')
        self.portal = None
        self.app = None

    def start(self):
        b = self.args.builddir
        portal_dir = os.path.join(self.profile, 'portal')
        app_dir = os.path.join(self.profile, 'app')
        os.mkdir(portal_dir, 0o700)
        os.mkdir(app_dir, 0o700)
        token = os.urandom(24).hex()
        env = dict(os.environ)
        env.pop('GTK_A11Y', None)
        env.update({'LC_ALL': 'C.UTF-8', 'GIO_USE_PROXY_RESOLVER': 'dummy',
                    'GSETTINGS_BACKEND': 'memory',
                    'GSETTINGS_SCHEMA_DIR': os.path.join(b, 'data'),
                    'GDK_DEBUG': 'gl-disable'})
        self.portal = subprocess.Popen(
            [os.path.join(b, 'src/devportal/lockthreat-devportal'), '--demo', '--data', portal_dir],
            env=dict(env, LTSUPPORT_DEVPORTAL_TOKEN=token), stdout=subprocess.PIPE,
            stderr=open(os.path.join(self.profile, 'portal.log'), 'w'), text=True)
        url = self.portal.stdout.readline().strip()
        if not url.startswith('http'):
            raise RuntimeError('the demo portal did not start: %s' %
                               open(os.path.join(self.profile, 'portal.log')).read())
        for name, host, version in [('prod-eu-1', 'lt-prod-eu-1.example', '3.5.1'),
                                    ('lab', 'lt-lab.example', '3.2.2')]:
            subprocess.run([os.path.join(b, 'src/cli/ltsupport'), '--profile', app_dir,
                            'installation', 'add', name, '--host', host, '--version', version],
                           env=env, check=True, stdout=subprocess.DEVNULL)
        self.app = subprocess.Popen(
            [os.path.join(b, 'src/app/lockthreat-support'), '--profile', app_dir, '--portal', url],
            env=dict(env, LTSUPPORT_TOKEN=token),
            stdout=open(os.path.join(self.profile, 'app.log'), 'w'), stderr=subprocess.STDOUT)

    def accessible(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(i)
            try:
                if child is not None and child.get_process_id() == self.app.pid \
                   and child.get_child_count() > 0:
                    return child
            except GLib.Error:
                continue
        if self.app.poll() is not None:
            raise RuntimeError('the application exited with status %d' % self.app.returncode)
        return None

    def windows(self):
        """The app's windows now: one that closes while they are read is
        left out, as children() leaves out a vanished child."""
        acc = self.accessible()
        found = []
        for i in range(acc.get_child_count()):
            try:
                window = acc.get_child_at_index(i)
                if window is not None:
                    found.append(Node(window, None, i))
            except GLib.Error:
                VANISHED[0] += 1
        return found

    def stop(self):
        for process in (self.app, self.portal):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.args.keep_profile:
            print('profile kept in %s' % self.profile)
        else:
            shutil.rmtree(self.profile, ignore_errors=True)


def main_window(app):
    def look():
        return next((w for w in app.windows()
                     if w.role == 'frame' and w.name.startswith('LockThreat Support')), None)
    return wait_for('the main window', look, timeout=20)


def new_window(app, known, what):
    def look():
        for w in app.windows():
            if (w.role, w.name) not in known:
                return w
        return None
    return wait_for(what, look, timeout=20)


def close_window(app, window):
    known = [(w.role, w.name) for w in app.windows()]
    key(KEY_ESCAPE)
    pump(0.5)
    if any((w.role, w.name) == (window.role, window.name) for w in app.windows()):
        close = find(window, lambda n: n.role == 'push button' and n.name in ('Close', 'Cancel'))
        if close is not None:
            press(close)
    try:
        wait_for('%s to close' % window.name,
                 lambda: len(app.windows()) < len(known), timeout=10)
    except RuntimeError:
        pass


def menu_item(window, menu_button, item):
    """Opens @menu_button's popover and presses its item named @item."""
    button = find(window, lambda n: n.role == 'push button' and n.name == menu_button and n.focusable)
    press(button)
    pump(0.5)
    entry = wait_for('the menu item %s' % item,
                     lambda: find(main_window(APP), lambda n: n.role == 'menu item' and
                                  n.name.rstrip('…') == item),
                     timeout=10)
    press(entry)


def walk_dialog(app, report, what, open_it):
    known = {(w.role, w.name) for w in app.windows()}
    try:
        open_it()
        window = new_window(app, known, what)
    except RuntimeError as e:
        report.add(what, Node(app.accessible(), None, 0), 'could not be opened: %s' % e)
        return None
    pump(1.5)
    window = next((w for w in app.windows() if (w.role, w.name) not in known), window)
    if not meaningful(window.name):
        # A screen reader announces a window by its title.
        report.add(what, window, 'a window without a title')
    walk(window, what, report)
    return window


class Focus:
    """Where the keyboard focus is, from the focus events."""

    def __init__(self):
        self.focused = []
        self.listener = Atspi.EventListener.new(self.on_focus)
        self.listener.register('object:state-changed:focused')

    def on_focus(self, event):
        if event.detail1:
            self.focused.append(event.source)

    def tab(self, timeout=0.4, backwards=False):
        """Presses Tab (Shift+Tab); the newly focused accessible or None."""
        return self.press(KEY_TAB, SHIFT_MASK if backwards else 0, timeout)

    def press(self, keysym, modifiers=0, timeout=0.4):
        """Presses @keysym; the newly focused accessible or None."""
        count = len(self.focused)
        key(keysym, modifiers)
        pump(timeout)
        return self.focused[-1] if len(self.focused) > count else None

    def close(self):
        self.listener.deregister('object:state-changed:focused')


def tab_to(window, focus, predicate, limit=400, backwards=False):
    """Tabs until @predicate holds for the focused accessible: how a
    keyboard user reaches a control that has no AT-SPI action (a GTK 4.8
    activatable list row)."""
    focus_pointer_root()
    point_at(window)
    pump(0.5)
    for _ in range(limit):
        acc = focus.tab(0.15, backwards)
        if acc is not None and os.environ.get('A11Y_WALK_DEBUG'):
            print('  focus: %s “%s”' % (acc.get_role_name(), acc.get_name()))
        if acc is not None and predicate(acc):
            return acc
    raise RuntimeError('Tab did not reach it within %d presses' % limit)


def inside(acc, name=None, node=None):
    """Whether @acc is @node (a Node) or has an ancestor named @name."""
    while acc is not None:
        if node is not None and acc.get_role_name() == node.role and \
           (acc.get_name() or '') == node.name and acc.get_index_in_parent() == node.index:
            return True
        if name is not None and (acc.get_name() or '') == name:
            return True
        acc = acc.get_parent()
    return False


def select_ticket(app):
    """The Tickets page with a ticket selected (through AT-SPI's
    Selection), so that the detail pane has its actions; the table."""
    window = main_window(app)
    press(find(window, lambda n: n.role == 'page tab' and n.name == 'Tickets'))
    pump(1)
    page = find(main_window(app), lambda n: n.name == 'LtTicketsPage')
    table = find(page, lambda n: n.role in ('tree table', 'table'))
    rows = find(table, lambda n: n.role == 'list') if table else None
    if rows is not None and rows.n_children > 2:
        # A ticket in progress: one that takes comments.
        index = next((i for i, row in enumerate(children(rows))
                      if ', In progress' in row.name), 2)
        selection = rows.acc.get_selection_iface()
        if selection is not None:
            selection.select_child(index)
            pump(1)
    return table


def check_tab_order(app, report, focus):
    """From the Tickets page's search, Tab: the ticket list is one stop and
    the detail pane is reached within TAB_LIMIT presses."""
    table = select_ticket(app)
    try:
        # The start of the page: its search field.
        tab_to(main_window(app), focus,
               lambda acc: acc.get_role_name() == 'entry' and inside(acc, 'LtTicketsPage'),
               limit=40)
    except RuntimeError:
        report.tab.append('Tab never reached the Tickets page\'s search field')
        return
    stops = []
    for _ in range(TAB_LIMIT):
        acc = focus.tab()
        if acc is None:
            continue
        where = 'detail' if inside(acc, 'LtTicketDetail') else \
                'list' if table is not None and inside(acc, node=table) else 'other'
        stops.append((where, acc.get_role_name(), acc.get_name() or ''))
        if where == 'detail':
            break
    print('\nTab from the Tickets page\'s search (%d stops):' % len(stops))
    for where, role, name in stops:
        print('  %-6s %s “%s”' % (where, role, name[:70]))
    in_list = [s for s in stops if s[0] == 'list' and s[1] in ('table row', 'list item')]
    if len(in_list) > 1:
        report.tab.append('the ticket list takes %d Tab stops (rows); it must be one' % len(in_list))
    if not any(s[0] == 'detail' for s in stops):
        report.tab.append('the detail pane is not reached within %d Tab presses' % TAB_LIMIT)


APP = None


def main():
    global APP
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--builddir', required=True)
    parser.add_argument('--keep-profile', action='store_true')
    parser.add_argument('--no-tab', action='store_true', help='skip the Tab-order check')
    parser.add_argument('--only', action='append', default=[],
                        help='walk only this page or dialog (repeatable; for debugging)')
    args = parser.parse_args()
    args.builddir = os.path.abspath(args.builddir)

    if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('a11y-walk: needs a display and a session bus of its own '
              '(dbus-run-session -- xvfb-run -a ...)', file=sys.stderr)
        return 1
    # The bus activates at-spi-bus-launcher (and its registry, which types
    # the keys): they need the display, which xvfb-run set up after the bus.
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                  'UpdateActivationEnvironment',
                  GLib.Variant('(a{ss})', ({k: os.environ[k] for k in ('DISPLAY', 'XAUTHORITY')
                                            if k in os.environ},)),
                  None, Gio.DBusCallFlags.NONE, -1, None)
    Atspi.init()

    def wanted(what):
        return not args.only or what in args.only

    report = Report()
    APP = app = App(args)
    started = time.monotonic()
    try:
        app.start()
        wait_for('the application on the accessibility bus', app.accessible)
        # The first run asks about background mode: a dialog to walk too.
        dialog = wait_for('the first-run dialog', lambda: next(
            (w for w in app.windows() if w.role in ('dialog', 'alert')), None), timeout=20)
        pump(1)
        if wanted('First-run dialog'):
            walk(dialog, 'First-run dialog', report)
        press(find(dialog, lambda n: n.role == 'push button' and 'Not Now' in n.name))
        pump(1)

        window = main_window(app)
        # The demo customer's tickets, after the first sync.
        press(find(window, lambda n: n.role == 'page tab' and n.name == 'Tickets'))
        wait_for('the synced tickets', lambda: (lambda t: t is not None and t.n_children > 0 and
                                                find(t, lambda n: n.role == 'table row' and
                                                     n.parent.role not in ('tree table', 'table')))
                 (find(main_window(app), lambda n: n.name == 'LtTicketsPage')))
        page_names = {gtype for _, gtype in PAGES}
        if wanted('Header'):
            walk_settled(lambda: main_window(app), 'Header', report,
                         skip=lambda n: n.name in page_names)
        for tab, gtype in PAGES:
            if not wanted(tab):
                continue
            window = main_window(app)
            press(find(window, lambda n: n.role == 'page tab' and n.name == tab))
            pump(1.5)
            def find_page(gtype=gtype, tab=tab):
                page = find(main_window(app), lambda n: n.name == gtype)
                if page is None:
                    raise RuntimeError('the %s page (%s) is not in the tree' % (tab, gtype))
                return page
            walk_settled(find_page, tab, report)

        # The dialogs, opened as a person would.
        def from_menu(button, item):
            return lambda: menu_item(main_window(app), button, item)

        def press_in_page(tab, role, name):
            def do():
                window = main_window(app)
                press(find(window, lambda n: n.role == 'page tab' and n.name == tab))
                pump(1)
                press(find(main_window(app), lambda n: n.role == role and n.name == name))
            return do

        focus_pointer_root()
        point_at(main_window(app))
        for what, opener in [
                ('New Ticket', from_menu('New', 'New Ticket')),
                ('New Change Notice', from_menu('New', 'New Change Notice')),
                ('Preferences', from_menu('Main menu', 'Preferences')),
                ('Keyboard Shortcuts', from_menu('Main menu', 'Keyboard Shortcuts')),
                ('About', from_menu('Main menu', 'About LockThreat Support')),
                ('Add Installation', press_in_page('Versions', 'push button', 'Add'))]:
            if not wanted(what):
                continue
            dialog = walk_dialog(app, report, what, opener)
            if dialog is not None:
                point_at(dialog)
                pump(0.3)
                close_window(app, dialog)
                point_at(main_window(app))
                pump(0.5)

        focus = Focus()
        if not args.no_tab:
            check_tab_order(app, report, focus)

        # A ticket action dialog: its row in the detail pane has no AT-SPI
        # action in GTK 4.8 (an activatable list row), so by keyboard, and
        # backwards: from the list, past the header, the focus wraps round
        # to the end of the detail pane, whatever the list's Tab stops.
        def comment():
            select_ticket(app)
            # Tab enters the action list at one row; the arrows move
            # inside it, as in any GtkListBox.
            actions = ('Comment', 'Attach a File', 'Escalate', 'Withdraw')
            row = tab_to(main_window(app), focus,
                         lambda acc: acc.get_role_name() == 'list item' and
                         acc.get_name() in actions, backwards=True)
            for _ in range(len(actions)):
                if row is None or row.get_name() == 'Comment':
                    break
                row = focus.press(KEY_UP) or row
            if row is not None and row.get_name() == 'Comment':
                pump(0.3)
                key(KEY_SPACE)
        if wanted('Comment'):
            walk_dialog(app, report, 'Comment', comment)
        focus.close()
    except (RuntimeError, GLib.Error, AttributeError, TypeError) as e:
        import traceback
        traceback.print_exc()
        report.tab.append('the walk stopped early: %s' % e)
    finally:
        app.stop()

    print('\nAccessibility walk: %d interactive elements, %d table cells, %d images, '
          '%d table rows (%.0f s)' % (report.interactive, report.cells, report.images,
                                     report.rows, time.monotonic() - started))
    by_where = {}
    for where, node, problem, reason in report.offenders:
        by_where.setdefault(where, []).append((node, problem, reason))
    for where, items in by_where.items():
        print('\n== %s: %d offenders (%d allowed)' %
              (where, len(items), sum(1 for i in items if i[2])))
        for node, problem, reason in items:
            print('  %s%s: %s — “%s”\n      at %s' %
                  ('(allowed) ' if reason else '', node.role, problem, node.name[:80], node.path()))
    problems = {}
    for where, node, problem, reason in report.failing():
        problems[problem.split(' “')[0]] = problems.get(problem.split(' “')[0], 0) + 1
    print('\nOffenders: %d (%d allowed GTK 4.8 limits)' %
          (len(report.offenders), len(report.offenders) - len(report.failing())))
    for problem, count in sorted(problems.items(), key=lambda p: -p[1]):
        print('  %5d  %s' % (count, problem))
    for line in report.tab:
        print('FAIL: %s' % line)
    return 1 if report.failing() or report.tab else 0


if __name__ == '__main__':
    sys.exit(main())
