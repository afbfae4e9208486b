//! Numbered work spread over a few threads, its results handed on in order: a bounded reorder
//! buffer behind the workers, so that a report can be written set by set while later sets are
//! still being checked, and memory holds only the few results waiting for an earlier one.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How many items each worker may run ahead of the first result not handed on yet.
const AHEAD_PER_JOB: usize = 4;

/// The state the workers and the caller share.
struct Queue<T> {
    /// The next item a worker takes.
    next: usize,
    /// The next item handed on.
    handed: usize,
    /// Results waiting for an earlier one.
    ready: BTreeMap<usize, T>,
    /// Set when the caller stops early (an error) or a worker panicked.
    stopped: bool,
}

struct Shared<T> {
    queue: Mutex<Queue<T>>,
    /// Signalled when the window moves or the run stops.
    room: Condvar,
    /// Signalled when a result arrives or the run stops.
    arrived: Condvar,
    count: usize,
    window: usize,
}

impl<T> Shared<T> {
    fn lock(&self) -> MutexGuard<'_, Queue<T>> {
        // Work never runs under the lock: a panic elsewhere leaves the queue consistent.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.room.notify_all();
        self.arrived.notify_all();
    }
}

/// Stops the run when a worker unwinds, so that the caller does not wait for its result.
struct StopOnPanic<'a, T>(&'a Shared<T>);

impl<T> Drop for StopOnPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

/// Computes `work(i)` for every `i` in `0..count` on `jobs` threads and hands each result to
/// `each`, on the calling thread, in the order of `i`. A worker takes an item only while fewer than
/// `jobs × 4` items separate it from the next one to hand on. Stops at the first error `each`
/// returns. One job computes everything on the calling thread.
pub fn map<T: Send, E>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    if jobs <= 1 {
        return (0..count).try_for_each(|i| each(work(i)));
    }
    let shared = Shared {
        queue: Mutex::new(Queue {
            next: 0,
            handed: 0,
            ready: BTreeMap::new(),
            stopped: false,
        }),
        room: Condvar::new(),
        arrived: Condvar::new(),
        count,
        window: jobs * AHEAD_PER_JOB,
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(count) {
            scope.spawn(|| take_and_work(&shared, &work));
        }
        let handed = hand_on(&shared, &mut each);
        shared.stop();
        handed
    })
}

fn take_and_work<T>(shared: &Shared<T>, work: &(impl Fn(usize) -> T + Sync)) {
    let _guard = StopOnPanic(shared);
    loop {
        let index = {
            let mut queue = shared.lock();
            while !queue.stopped
                && queue.next < shared.count
                && queue.next >= queue.handed + shared.window
            {
                queue = shared
                    .room
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if queue.stopped || queue.next >= shared.count {
                return;
            }
            queue.next += 1;
            queue.next - 1
        };
        let result = work(index);
        shared.lock().ready.insert(index, result);
        shared.arrived.notify_one();
    }
}

/// Hands the results on in order until all are, `each` fails, or a worker panicked (the scope
/// then passes its panic on).
fn hand_on<T, E>(shared: &Shared<T>, each: &mut impl FnMut(T) -> Result<(), E>) -> Result<(), E> {
    let mut queue = shared.lock();
    while queue.handed < shared.count && !queue.stopped {
        let handed = queue.handed;
        match queue.ready.remove(&handed) {
            Some(result) => {
                queue.handed += 1;
                drop(queue);
                shared.room.notify_all();
                each(result)?;
                queue = shared.lock();
            }
            None => {
                queue = shared
                    .arrived
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner)
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::map;

    #[test]
    fn results_come_in_order_whatever_the_threads_take() {
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let work = |i: usize| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros(((i * 7) % 5) as u64 * 200));
                i * i
            };
            map(100, jobs, work, |square| {
                seen.push(square);
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(
                seen,
                (0..100).map(|i| i * i).collect::<Vec<_>>(),
                "{jobs} jobs"
            );
        }
    }

    #[test]
    fn the_first_error_stops_the_run() {
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let work = |i: usize| {
            taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            i
        };
        let result = map(10_000, 2, work, |i| if i == 10 { Err(i) } else { Ok(()) });
        assert_eq!(result, Err(10));
        // The workers stopped within the window, far before the end.
        assert!(taken.into_inner() < 100);
    }

    #[test]
    fn no_items_no_calls() {
        let result = map(0, 2, |i| i, |_| Err("called"));
        assert_eq!(result, Ok(()));
    }
}
