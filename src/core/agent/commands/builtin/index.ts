import { CommandTable } from '../command-table.js';
import { approvalsCommand } from './approvals.js';
import { clustersCommand } from './clusters.js';
import { helpCommand } from './help.js';
import {
  clusterCommand,
  containersCommand,
  deploymentsCommand,
  logsCommand,
  podsCommand,
  servicesCommand,
  topCommand,
} from './read-commands.js';
import { useCommand } from './use.js';
import { whoamiCommand } from './whoami.js';
import { execCommand, kubectlCommand, runCommand } from './write-commands.js';

/** The direct commands of issue 6, in the order `help` lists them. */
export function createBuiltinCommands(): CommandTable {
  return new CommandTable()
    .register(podsCommand)
    .register(logsCommand)
    .register(topCommand)
    .register(deploymentsCommand)
    .register(servicesCommand)
    .register(clusterCommand)
    .register(containersCommand)
    .register(kubectlCommand)
    .register(execCommand)
    .register(runCommand)
    .register(approvalsCommand)
    .register(clustersCommand)
    .register(useCommand)
    .register(whoamiCommand)
    .register(helpCommand);
}
