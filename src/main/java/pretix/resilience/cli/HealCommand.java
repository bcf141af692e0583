package pretix.resilience.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import pretix.resilience.fault.StackHealer;
import pretix.resilience.stack.DeployedStack;

@Command(name = "heal", description = "Undo every fault on the kept stack: thaw, start and reconnect nodes,"
        + " enable every link without its toxic.")
final class HealCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        DeployedStack stack = KeptStack.find();
        List<String> healed = new StackHealer(EngineKind.ofStack(stack.id())).healAll(stack);
        System.out.printf("stack %s: %s%n", stack.id(), healed.isEmpty() ? "nothing to heal" : String.join(", ", healed));
        return 0;
    }
}
