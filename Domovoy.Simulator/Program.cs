Console.WriteLine("Domovoy.Simulator: not implemented yet");
