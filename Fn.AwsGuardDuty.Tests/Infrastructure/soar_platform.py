#!/usr/bin/python3
"""Plays the SOAR platform with stomp.py (not our code): publishes one function message the way SOAR does and
collects the replies from the acks queue until the final one (complete: true) arrives.

Prints one JSON document on stdout: {"replies": [{"headers": {...}, "body": {...}}, ...], "left_on_queue": N}.
With --repeat N it instead makes N calls, one at a time (or paced at --rate calls/s, not waiting for answers), and
adds "round_trips_ms": the time from each SEND to its final reply, in call order.
With --drain-seconds, it afterwards consumes the actions queue for that long and counts what is still there;
run it with --no-publish after the app has stopped to see whether the app ACKed (0) or left messages for
redelivery (an unacked message stays with a live consumer, so the app must be gone for this to mean anything).
"""
import argparse
import json
import sys
import threading
import time

import stomp


def function_body(name, inputs, invocation):
    return {
        "function": {"id": 3, "name": name, "display_name": name, "description": None, "creator": None,
                     "uuid": None, "version": None, "tags": [], "view_items": [], "workflows": []},
        "groups": [],
        "inputs": inputs,
        "playbook_instance": None,
        "principal": {"id": 1, "type": "user", "name": "admin@example.com", "display_name": "Admin User"},
        "workflow": {"workflow_id": 3, "programmatic_name": "wf_py", "name": "Python platform workflow",
                     "object_type": {"id": 0, "name": "incident"}, "actions": [], "description": None,
                     "tags": [], "uuid": None},
        "workflow_instance": {"workflow_instance_id": invocation},
    }


class Collector(stomp.ConnectionListener):
    def __init__(self):
        self.replies = []
        self.done = threading.Event()
        self.errors = []
        self.finished_at = {}
        self.lock = threading.Lock()
        self.all_final = threading.Event()
        self.expected = 1

    def on_message(self, frame):
        now = time.perf_counter()
        body = json.loads(frame.body)
        self.replies.append({"headers": dict(frame.headers), "body": body})
        if body.get("complete"):
            with self.lock:
                self.finished_at.setdefault(frame.headers.get("correlation-id"), now)
                if len(self.finished_at) >= self.expected:
                    self.all_final.set()
            self.done.set()

    def on_error(self, frame):
        self.errors.append(frame.headers.get("message", frame.body))


class Counter(stomp.ConnectionListener):
    def __init__(self):
        self.count = 0

    def on_message(self, frame):
        self.count += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--passcode", required=True)
    parser.add_argument("--org", type=int, required=True)
    parser.add_argument("--destination", default="fn_aws_gd")
    parser.add_argument("--function", default="")
    parser.add_argument("--inputs", default="{}")
    parser.add_argument("--raw-body", default=None, help="send this body instead of a FunctionDataDTO")
    parser.add_argument("--invocation", type=int, default=501)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--drain-seconds", type=float, default=0.0)
    parser.add_argument("--no-publish", action="store_true", help="only drain the actions queue")
    parser.add_argument("--repeat", type=int, default=1, help="calls to make, one at a time unless --rate is given")
    parser.add_argument("--rate", type=float, default=0.0, help="publish --repeat calls at this many per second")
    args = parser.parse_args()

    actions = "/queue/actions.%d.%s" % (args.org, args.destination)
    acks = "/queue/acks.%d.%s" % (args.org, args.destination)
    collector = Collector()
    if args.no_publish:
        collector.done.set()
    elif args.repeat > 1:
        round_trips = repeat(args, actions, acks, collector)
        json.dump({"round_trips_ms": round_trips, "errors": collector.errors, "finals": len(collector.finished_at)}, sys.stdout)
        return 0 if None not in round_trips else 3
    else:
        publish(args, actions, acks, collector)

    left = None
    if args.drain_seconds > 0:
        counter = Counter()
        drain = stomp.Connection12([("127.0.0.1", args.port)], heartbeats=(0, 0))
        drain.set_listener("counter", counter)
        drain.connect(args.login, args.passcode, wait=True)
        drain.subscribe(actions, id="drain", ack="auto")
        time.sleep(args.drain_seconds)
        drain.disconnect()
        left = counter.count

    json.dump({"replies": collector.replies, "errors": collector.errors, "left_on_queue": left}, sys.stdout)
    return 0 if collector.done.is_set() else 3


def connect(args, acks, collector):
    conn = stomp.Connection12([("127.0.0.1", args.port)], heartbeats=(0, 0))
    conn.set_listener("collector", collector)
    conn.connect(args.login, args.passcode, wait=True)
    conn.subscribe(acks, id="acks", ack="auto")
    return conn


def send_call(args, conn, actions, acks, invocation):
    body = args.raw_body if args.raw_body is not None else json.dumps(
        function_body(args.function, json.loads(args.inputs), invocation))
    conn.send(actions, body, headers={
        "reply-to": acks,
        "correlation-id": "invid:%d" % invocation,
        "Co3ContextToken": "eyJ0eXAiOiJKV1QifQ.python-platform",
        "Co3MessagePayload": "FunctionDataDTO",
        "Co3ContentType": "application/json",
        "persistent": "true",
    })


def repeat(args, actions, acks, collector):
    """Round trips in ms (None for a call not answered within --timeout), in call order."""
    conn = connect(args, acks, collector)
    collector.expected = args.repeat
    started = {}
    for i in range(args.repeat):
        invocation = args.invocation + i
        correlation = "invid:%d" % invocation
        if args.rate > 0:
            due = started.get("invid:%d" % args.invocation, time.perf_counter()) + i / args.rate
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        started[correlation] = time.perf_counter()
        send_call(args, conn, actions, acks, invocation)
        if args.rate <= 0:
            deadline = started[correlation] + args.timeout
            while correlation not in collector.finished_at and time.perf_counter() < deadline:
                collector.done.wait(0.05)
                collector.done.clear()
    collector.all_final.wait(args.timeout)
    conn.disconnect()
    return [round((collector.finished_at[c] - t) * 1000, 3) if c in collector.finished_at else None
            for c, t in started.items()]


def publish(args, actions, acks, collector):
    conn = connect(args, acks, collector)
    send_call(args, conn, actions, acks, args.invocation)
    collector.done.wait(args.timeout)
    time.sleep(0.3)  # a late duplicate would show up here
    conn.disconnect()


if __name__ == "__main__":
    sys.exit(main())
