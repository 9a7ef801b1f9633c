// Runs the official Home Assistant JS client (home-assistant-js-websocket) against a Home Assistant
// (here: Domovoy.Simulator). Usage: node conformance.mjs <http-or-ws-url> <token>
// Prints one "OK <step>" line per check and "CONFORMANCE PASSED" at the end; exits 1 on any failure.
import WebSocket from "ws";
import {
  createConnection,
  createLongLivedTokenAuth,
  subscribeEntities,
  callService,
  getStates,
  getServices,
  getConfig,
  ERR_INVALID_AUTH,
  ERR_CANNOT_CONNECT,
} from "home-assistant-js-websocket";

const [, , rawUrl, token] = process.argv;
if (!rawUrl || !token) {
  console.error("usage: node conformance.mjs <url> <token>");
  process.exit(2);
}

// createLongLivedTokenAuth wants the http base URL; it derives <ws>/api/websocket itself.
const hassUrl = rawUrl.replace(/^ws/, "http").replace(/\/api\/websocket\/?$/, "").replace(/\/$/, "");

// Node 20 has no global WebSocket, so mirror the library's own createSocket (lib/socket.ts) on top of `ws`.
function createSocket(options) {
  const auth = options.auth;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(auth.wsUrl);
    let invalidAuth = false;
    const onClose = () => reject(invalidAuth ? ERR_INVALID_AUTH : ERR_CANNOT_CONNECT);
    socket.addEventListener("close", onClose);
    socket.addEventListener("error", onClose);
    socket.addEventListener("open", () => socket.send(JSON.stringify({ type: "auth", access_token: auth.accessToken })));
    const onMessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "auth_invalid") {
        invalidAuth = true;
        socket.close();
      } else if (message.type === "auth_ok") {
        socket.removeEventListener("message", onMessage);
        socket.removeEventListener("close", onClose);
        socket.removeEventListener("error", onClose);
        socket.haVersion = message.ha_version;
        const [year, month] = message.ha_version.split(".").map(Number);
        if (year > 2022 || (year === 2022 && month >= 9)) {
          socket.send(JSON.stringify({ type: "supported_features", id: 1, features: { coalesce_messages: 1 } }));
        }
        resolve(socket);
      }
    };
    socket.addEventListener("message", onMessage);
  });
}

function check(condition, step, detail) {
  if (!condition) {
    throw new Error(`${step} failed: ${detail ?? ""}`);
  }
  console.log(`OK ${step}`);
}

const watchdog = setTimeout(() => {
  console.error("FAILED: timed out after 30 s");
  process.exit(1);
}, 30_000);

let connection;
try {
  const rejected = await createConnection({ auth: createLongLivedTokenAuth(hassUrl, token + "-wrong"), createSocket }).then(
    () => "connected",
    (error) => error,
  );
  check(rejected === ERR_INVALID_AUTH, "wrong token rejected", String(rejected));

  connection = await createConnection({ auth: createLongLivedTokenAuth(hassUrl, token), createSocket });
  check(typeof connection.haVersion === "string", "connect", connection.haVersion);

  // subscribeEntities: keep the latest map; wait for predicates on it.
  let latest;
  const waiters = [];
  const unsubscribe = subscribeEntities(connection, (entities) => {
    latest = entities;
    for (const waiter of [...waiters]) {
      if (waiter.predicate(entities)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entities);
      }
    }
  });
  const waitFor = (predicate) =>
    latest && predicate(latest) ? Promise.resolve(latest) : new Promise((resolve) => waiters.push({ predicate, resolve }));

  const initial = await waitFor((e) => e["light.kitchen"] !== undefined);
  check(Object.keys(initial).length >= 10, "subscribeEntities initial", `${Object.keys(initial).length} entities`);

  const states = await getStates(connection);
  check(Array.isArray(states) && states.some((s) => s.entity_id === "light.kitchen"), "getStates", `${states.length} states`);

  const services = await getServices(connection);
  check(services.light && services.light.turn_on, "getServices", Object.keys(services).join(","));

  const config = await getConfig(connection);
  check(config.state === "RUNNING" && typeof config.time_zone === "string", "getConfig", `${config.state} ${config.time_zone}`);

  const result = await callService(connection, "light", "turn_on", { brightness: 77 }, { entity_id: "light.kitchen" });
  check(result && result.context && result.context.id.length === 26, "callService", JSON.stringify(result));

  const changed = await waitFor(
    (e) => e["light.kitchen"].state === "on" && e["light.kitchen"].attributes.brightness === 77,
  );
  const kitchen = changed["light.kitchen"];
  check(kitchen.context.id === result.context.id, "subscribeEntities change", JSON.stringify(kitchen));
  // light.kitchen was already on: only attributes changed, so the diff carried lu and last_changed stayed put.
  check(Date.parse(kitchen.last_updated) > Date.parse(kitchen.last_changed), "attribute-only change moves lu", `${kitchen.last_changed} ${kitchen.last_updated}`);

  await callService(connection, "light", "turn_off", undefined, { entity_id: "light.kitchen" });
  const off = await waitFor((e) => e["light.kitchen"].state === "off");
  const offKitchen = off["light.kitchen"];
  check(offKitchen.attributes.brightness === null, "turn_off diff", JSON.stringify(offKitchen.attributes));
  // A state change carries lc, and the client then sets last_updated = last_changed.
  check(offKitchen.last_updated === offKitchen.last_changed, "state change moves lc", offKitchen.last_changed);

  // Restart: the client must notice the close, reconnect on its own and resubscribe subscribeEntities.
  const disconnected = new Promise((resolve) => connection.addEventListener("disconnected", resolve));
  const ready = new Promise((resolve) => connection.addEventListener("ready", resolve));
  await callService(connection, "homeassistant", "restart");
  await disconnected;
  check(true, "disconnected by restart");
  await ready;
  check(true, "reconnected after restart");
  await callService(connection, "switch", "turn_on", undefined, { entity_id: "switch.coffee_maker" });
  const after = await waitFor((e) => e["switch.coffee_maker"] && e["switch.coffee_maker"].state === "on");
  check(after["switch.coffee_maker"].state === "on", "subscription resumed after restart");

  (await unsubscribe)();
  console.log("CONFORMANCE PASSED");
  connection.close();
  clearTimeout(watchdog);
  process.exit(0);
} catch (error) {
  console.error("FAILED:", error instanceof Error ? error.message : JSON.stringify(error));
  connection?.close();
  process.exit(1);
}
