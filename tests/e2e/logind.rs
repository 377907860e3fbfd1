//! A stand-in for systemd-logind on a private D-Bus (its own
//! `dbus-daemon`), so an end-to-end test can put the computer to sleep and
//! lock the screen. The app's end-to-end build talks to it instead of the
//! system bus when `TASKING_VAULT_E2E_SYSTEM_BUS` gives its address
//! (src-tauri/src/logind.rs).
//!
//! It answers what the app asks (`GetSessionByPID`, and `Inhibit`, whose
//! answer is the writing end of a pipe: the stand-in sees it let go when
//! the pipe's other end reads to its end) and sends the signals a test asks
//! for, as `org.freedesktop.login1`.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use gio::glib::{self, Variant, VariantDict};
use gio::prelude::*;
use gio::{Cancellable, DBusConnection, DBusConnectionFlags, DBusNodeInfo, UnixFDList};

const NAME: &str = "org.freedesktop.login1";
const MANAGER_PATH: &str = "/org/freedesktop/login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";
/// The one session the stand-in knows: every process is in it.
pub const SESSION_PATH: &str = "/org/freedesktop/login1/session/e2e1";
/// A session that is not the app's.
pub const OTHER_SESSION_PATH: &str = "/org/freedesktop/login1/session/e2e2";

const INTROSPECTION: &str = r#"<node>
  <interface name="org.freedesktop.login1.Manager">
    <method name="GetSessionByPID">
      <arg name="pid" type="u" direction="in"/>
      <arg name="object_path" type="o" direction="out"/>
    </method>
    <method name="Inhibit">
      <arg name="what" type="s" direction="in"/>
      <arg name="who" type="s" direction="in"/>
      <arg name="why" type="s" direction="in"/>
      <arg name="mode" type="s" direction="in"/>
      <arg name="pipe_fd" type="h" direction="out"/>
    </method>
  </interface>
</node>"#;

/// One `Inhibit` call: its arguments, and whether the caller let it go.
pub struct Inhibitor {
    pub what: String,
    pub mode: String,
    released: Arc<AtomicBool>,
}

impl Inhibitor {
    pub fn released(&self) -> bool {
        self.released.load(Ordering::SeqCst)
    }
}

#[derive(Default)]
struct Heard {
    session_asked_for: Vec<u32>,
    inhibitors: Vec<Inhibitor>,
}

pub struct FakeLogind {
    pub address: String,
    daemon: Child,
    bus: DBusConnection,
    heard: Arc<Mutex<Heard>>,
    main_loop: glib::MainLoop,
}

impl FakeLogind {
    /// Starts a private bus in `dir` and the stand-in on it.
    pub fn start(dir: &Path) -> FakeLogind {
        let socket = dir.join("system_bus_socket");
        let address = format!("unix:path={}", socket.display());
        let daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("dbus-daemon (package dbus-daemon; scripts/deps installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "dbus-daemon made no socket");
            std::thread::sleep(Duration::from_millis(20));
        }

        let heard = Arc::new(Mutex::new(Heard::default()));
        let (tx, rx) = mpsc::channel();
        let serve_heard = heard.clone();
        let serve_address = address.clone();
        std::thread::spawn(move || {
            let context = glib::MainContext::new();
            context
                .with_thread_default(|| {
                    let bus = serve(&serve_address, serve_heard);
                    let main_loop = glib::MainLoop::new(Some(&context), false);
                    tx.send((bus, main_loop.clone())).unwrap();
                    main_loop.run();
                })
                .unwrap();
        });
        let (bus, main_loop) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("stand-in logind did not start");
        FakeLogind {
            address,
            daemon,
            bus,
            heard,
            main_loop,
        }
    }

    /// Sends `PrepareForSleep(start)`: true before sleeping, false on waking.
    pub fn prepare_for_sleep(&self, start: bool) {
        self.emit(
            MANAGER_PATH,
            MANAGER,
            "PrepareForSleep",
            &(start,).to_variant(),
        );
    }

    /// Sends a session's `Lock` signal (what `loginctl lock-session` does).
    pub fn lock_session(&self, path: &str) {
        self.emit(
            path,
            "org.freedesktop.login1.Session",
            "Lock",
            &().to_variant(),
        );
    }

    /// Sends `PropertiesChanged` for a session's `LockedHint`.
    pub fn locked_hint(&self, path: &str, locked: bool) {
        let changed = VariantDict::new(None);
        changed.insert_value("LockedHint", &locked.to_variant());
        // (sa{sv}as): a Variant inside a tuple would be boxed as `v`.
        let params = Variant::tuple_from_iter([
            "org.freedesktop.login1.Session".to_variant(),
            changed.end(),
            Vec::<String>::new().to_variant(),
        ]);
        assert_eq!(params.type_().as_str(), "(sa{sv}as)");
        self.emit(
            path,
            "org.freedesktop.DBus.Properties",
            "PropertiesChanged",
            &params,
        );
    }

    fn emit(&self, path: &str, interface: &str, signal: &str, params: &Variant) {
        self.bus
            .emit_signal(None, path, interface, signal, Some(params))
            .expect("emit signal");
        self.bus.flush_sync(None::<&Cancellable>).expect("flush");
    }

    /// The process ids the app asked the session of.
    pub fn sessions_asked_for(&self) -> Vec<u32> {
        self.heard.lock().unwrap().session_asked_for.clone()
    }

    /// Runs `f` over the inhibitors taken so far.
    pub fn with_inhibitors<R>(&self, f: impl FnOnce(&[Inhibitor]) -> R) -> R {
        f(&self.heard.lock().unwrap().inhibitors)
    }

    /// Waits until `n` inhibitors have been taken.
    pub async fn wait_inhibitors(&self, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.with_inhibitors(|i| i.len()) < n {
            assert!(
                Instant::now() < deadline,
                "the app took {} sleep inhibitors, not {n}",
                self.with_inhibitors(|i| i.len())
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for FakeLogind {
    fn drop(&mut self) {
        self.main_loop.quit();
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Connects, takes logind's name and answers its two methods.
fn serve(address: &str, heard: Arc<Mutex<Heard>>) -> DBusConnection {
    let bus = DBusConnection::for_address_sync(
        address,
        DBusConnectionFlags::AUTHENTICATION_CLIENT | DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
        None,
        None::<&Cancellable>,
    )
    .expect("connect to the private bus");
    let reply = bus
        .call_sync(
            Some("org.freedesktop.DBus"),
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "RequestName",
            Some(&(NAME, 4u32).to_variant()), // DO_NOT_QUEUE
            None,
            gio::DBusCallFlags::NONE,
            5_000,
            None::<&Cancellable>,
        )
        .expect("RequestName");
    assert_eq!(reply.get::<(u32,)>(), Some((1,)), "not the primary owner");

    let node = DBusNodeInfo::for_xml(INTROSPECTION).unwrap();
    let manager = node.lookup_interface(MANAGER).unwrap();
    bus.register_object(
        MANAGER_PATH,
        &manager,
        move |_, _, _, _, method, params, invocation| match method {
            "GetSessionByPID" => {
                let (pid,) = params.get::<(u32,)>().unwrap();
                heard.lock().unwrap().session_asked_for.push(pid);
                let path = glib::variant::ObjectPath::try_from(SESSION_PATH.to_owned()).unwrap();
                invocation.return_value(Some(&(path,).to_variant()));
            }
            "Inhibit" => {
                let (what, _who, _why, mode) =
                    params.get::<(String, String, String, String)>().unwrap();
                let (mut reader, writer) = std::io::pipe().unwrap();
                let released = Arc::new(AtomicBool::new(false));
                let flag = released.clone();
                std::thread::spawn(move || {
                    // Ends once every copy of the writing end is closed.
                    let _ = reader.read_to_end(&mut Vec::new());
                    flag.store(true, Ordering::SeqCst);
                });
                heard.lock().unwrap().inhibitors.push(Inhibitor {
                    what,
                    mode,
                    released,
                });
                let fds = UnixFDList::from_array([writer]);
                invocation.return_value_with_unix_fd_list(
                    Some(&(glib::variant::Handle(0),).to_variant()),
                    Some(&fds),
                );
            }
            _ => unreachable!("not in the introspection"),
        },
        |_, _, _, _, _| unreachable!("no properties"),
        |_, _, _, _, _, _| unreachable!("no properties"),
    )
    .expect("register the manager");
    bus
}
