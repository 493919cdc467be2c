// Loads the LeakLens core; the page itself is driven from Rust (src/www.rs).
import init, { runChecker } from './core/leaklens.js';

await init();
runChecker();
