using Gateway.Host.Cli;

return GatewayCommandLine.Run(args, Console.Out, Console.Error);
