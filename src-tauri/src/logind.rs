//! Locks the vault when the computer goes to sleep or the desktop session's
//! screen locks (issue 13), as systemd-logind announces on the system bus.
//!
//! - **Sleep.** The app holds a *delay* inhibitor (`Inhibit("sleep", …,
//!   "delay")`), so logind waits for it (up to its `InhibitDelayMaxSec`,
//!   5 s by default) after `PrepareForSleep(true)`. The vault is locked and
//!   the page discarded first, and only then is the inhibitor let go; the
//!   memory a hibernating laptop writes to disk no longer holds the records.
//!   On waking (`PrepareForSleep(false)`) a new inhibitor is taken.
//! - **Screen lock.** The session's `Lock` signal (`loginctl lock-session`,
//!   and what desktops send when asked to lock), and its `LockedHint`
//!   turning true, which GNOME and KDE set when their lock screen shows.
//!
//! No logind (a container, a desktop without systemd) means no watch: the
//! idle time still locks. Signals are heard on the GLib main loop, which is
//! the app's own on Linux, so `on_lock` runs on the main thread.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gio::glib::{self, Variant, VariantTy};
use gio::prelude::*;
use gio::{Cancellable, DBusCallFlags, DBusConnection, DBusSignalFlags, UnixFDList};

const LOGIND: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";
/// How long a call to logind may take before the app gives up on it.
const CALL_TIMEOUT_MS: i32 = 2_000;
/// Time after the lock for the page discard, queued on the same main loop,
/// to happen before the inhibitor goes and the computer sleeps.
const DISCARD_GRACE: Duration = Duration::from_millis(500);

/// The watch, alive while this is: the connection owns the subscriptions,
/// and they own the inhibitor.
pub struct Watching {
    /// Which session's screen lock it follows, if any.
    pub session: Option<String>,
    _bus: DBusConnection,
}

/// Starts watching. `on_lock` locks the vault (if it was unlocked) and
/// discards the page.
pub fn watch(on_lock: impl Fn() + 'static) -> Result<Watching, glib::Error> {
    let bus = system_bus()?;
    let on_lock: Rc<dyn Fn()> = Rc::new(on_lock);
    let inhibitor: Rc<RefCell<Option<UnixFDList>>> = Rc::new(RefCell::new(inhibit(&bus).ok()));

    {
        let on_lock = on_lock.clone();
        bus.signal_subscribe(
            Some(LOGIND),
            Some(MANAGER),
            Some("PrepareForSleep"),
            Some(MANAGER_PATH),
            None,
            DBusSignalFlags::NONE,
            move |bus, _, _, _, _, params| match params.get::<(bool,)>() {
                Some((true,)) => {
                    on_lock();
                    // Let the computer sleep once the page is gone.
                    let held = inhibitor.borrow_mut().take();
                    glib::timeout_add_local_once(DISCARD_GRACE, move || drop(held));
                }
                Some((false,)) => {
                    *inhibitor.borrow_mut() = inhibit(bus).ok();
                }
                None => {}
            },
        );
    }

    let session = own_session(&bus).ok();
    if let Some(path) = &session {
        let lock = on_lock.clone();
        bus.signal_subscribe(
            Some(LOGIND),
            Some(SESSION),
            Some("Lock"),
            Some(path),
            None,
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, _| lock(),
        );
        bus.signal_subscribe(
            Some(LOGIND),
            Some(PROPERTIES),
            Some("PropertiesChanged"),
            Some(path),
            Some(SESSION),
            DBusSignalFlags::NONE,
            move |_, _, _, _, _, params| {
                if locked_hint_set(params) {
                    on_lock();
                }
            },
        );
    }
    Ok(Watching { session, _bus: bus })
}

/// The system bus; in the end-to-end tests' build,
/// `TASKING_VAULT_E2E_SYSTEM_BUS` names a private bus where a stand-in
/// logind answers instead.
fn system_bus() -> Result<DBusConnection, glib::Error> {
    #[cfg(feature = "e2e-hooks")]
    if let Ok(address) = std::env::var("TASKING_VAULT_E2E_SYSTEM_BUS") {
        return DBusConnection::for_address_sync(
            &address,
            gio::DBusConnectionFlags::AUTHENTICATION_CLIENT
                | gio::DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
            None,
            None::<&Cancellable>,
        );
    }
    gio::bus_get_sync(gio::BusType::System, None::<&Cancellable>)
}

/// Takes a delay inhibitor on sleep; logind waits while its file is open,
/// and the list owns the file.
fn inhibit(bus: &DBusConnection) -> Result<UnixFDList, glib::Error> {
    let (_, fds) = bus.call_with_unix_fd_list_sync(
        Some(LOGIND),
        MANAGER_PATH,
        MANAGER,
        "Inhibit",
        Some(
            &(
                "sleep",
                "Tasking Vault",
                "Lock the vault before the computer sleeps",
                "delay",
            )
                .to_variant(),
        ),
        VariantTy::new("(h)").ok(),
        DBusCallFlags::NONE,
        CALL_TIMEOUT_MS,
        None::<&UnixFDList>,
        None::<&Cancellable>,
    )?;
    Ok(fds)
}

/// The object path of the logind session this process belongs to.
fn own_session(bus: &DBusConnection) -> Result<String, glib::Error> {
    let reply = bus.call_sync(
        Some(LOGIND),
        MANAGER_PATH,
        MANAGER,
        "GetSessionByPID",
        Some(&(std::process::id(),).to_variant()),
        VariantTy::new("(o)").ok(),
        DBusCallFlags::NONE,
        CALL_TIMEOUT_MS,
        None::<&Cancellable>,
    )?;
    reply
        .child_value(0)
        .str()
        .map(str::to_owned)
        .ok_or_else(|| glib::Error::new(gio::IOErrorEnum::InvalidData, "no session path"))
}

/// Whether a session's `PropertiesChanged(s, a{sv}, as)` sets `LockedHint`.
fn locked_hint_set(params: &Variant) -> bool {
    params.n_children() == 3
        && params.child_value(1).iter().any(|entry| {
            entry.n_children() == 2
                && entry.child_value(0).str() == Some("LockedHint")
                && entry
                    .child_value(1)
                    .as_variant()
                    .and_then(|v| v.get::<bool>())
                    == Some(true)
        })
}
