import './load-env';

import { stopLocalServer } from './local-db';

console.log(
  (await stopLocalServer())
    ? '[db] private database server stopped'
    : '[db] the private database server was not running',
);
