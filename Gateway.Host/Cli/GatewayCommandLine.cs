namespace Gateway.Host.Cli;

/// <summary>The <c>gateway</c> command line: subcommands and their exit codes.</summary>
internal static class GatewayCommandLine
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int NotEdi = 2;
    public const int Usage = 64;

    private const string Help = """
        Usage: gateway <command>

        The service:
          gateway run                     run the gateway (console, Windows service or systemd)
          gateway track list [--partner ID] [--status S] [--type T] [--reference PO] [--json]
          gateway track show ID [--json]  timeline, errors, acknowledgments and back-end calls
          gateway track reprocess ID      run again from the archive, retry a dead-lettered delivery,
                                          or release a Held document (a repeated PO number)
          gateway acks overdue [--json]   documents we sent whose 997/999/CONTRL did not come in time
          gateway orders show PO [--partner ID] [--json]
                                          the order's journey: received, acknowledged, ERP, 940, 945,
                                          856, 810 and their acknowledgments; stuck steps; discrepancies
          gateway orders stuck [--json]   orders needing a person

        EDI tools (exit 0 ok, 1 invalid, 2 not EDI):
          gateway edi parse FILE          envelopes and documents of FILE as JSON
          gateway edi validate FILE       every error with its position and code
          gateway edi ack FILE [--999] [--ta1 auto|always|never] [--positive] [--when-requested]
                                          the TA1/997/999 or CONTRL the gateway would send
                                          (X12 or EDIFACT, detected from the file)
          gateway edi json FILE           each document in its JSON form (what maps read)

        Partner profiles (exit 0 ok, 1 errors):
          gateway partners list [DIR] [--json]
          gateway partners validate [DIR]
          gateway partners show ID [DIR] [--json]
          gateway partners new ID --template NAME [--name NAME] [DIR]
          gateway partners schema

        Certificates (exit 0 ok, 1 any expired or with a problem):
          gateway certs list [DIR] [--json]
                                          every certificate the profiles use, per partner, soonest
                                          expiry first: ok, expires soon (60 days), EXPIRED,
                                          not yet valid, or the problem with its file

        Console users and API tokens (no default user: add the first Admin before signing in):
          gateway users list [--json]
          gateway users add NAME --role Viewer|Operator|PartnerAdmin|Admin [--no-password]
          gateway users password NAME | role NAME ROLE | remove NAME
          gateway users token NAME [--label TEXT]   an API token (shown once) for the admin API and /metrics
          gateway users revoke NAME TOKEN-ID

        Maps (exit 0 ok, 1 errors):
          gateway maps validate [DIR]     check every map in maps/ (syntax, fields, endpoints)
          gateway maps test --partner ID --file FILE [--json]
                                          the back-end calls each document would make, not sent
          gateway send --partner ID --type 856 --file event.json
                                          a back-end event to the running gateway: mapped, enveloped, sent
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length >= 1 && args[0] == "edi")
        {
            return EdiCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "run")
        {
            Service.GatewayHost.Build(args[1..]).Run();
            return Ok;
        }
        if (args.Length >= 1 && args[0] == "track")
        {
            return TrackCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "send")
        {
            return SendCommand.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "maps")
        {
            return MapCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "partners")
        {
            return PartnerCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "orders")
        {
            return OrderCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "acks")
        {
            return AcknowledgmentCommands.Run(args[1..], output, error);
        }
        if (args.Length >= 1 && args[0] == "users")
        {
            return UserCommands.Run(args[1..], Console.In, !Console.IsInputRedirected, output, error);
        }
        if (args.Length >= 1 && args[0] == "certs")
        {
            return CertificateCommands.Run(args[1..], output, error);
        }
        error.WriteLine(args.Length == 0 || args[0] is "-h" or "--help" or "help" ? Help : $"Unknown command '{args[0]}'.\n{Help}");
        return args.Length == 0 || args[0] is "-h" or "--help" or "help" ? Ok : Usage;
    }
}
