// Prints the TOML keys gitlab-runner's common/config.go defines for the tables WhaleMountain
// renders into config.toml: the top level, [[runners]], [runners.docker], and [runners.kubernetes]
// with the security-context tables the kubernetes executor template uses. Embedded structs
// (RunnerCredentials, RunnerSettings, docker.Credentials) count as inline, as BurntSushi/toml
// reads them.
//
//	go run . <module directory> <header line>...
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strings"
)

// the tables config.toml uses, and the struct each is read into
var tables = []struct{ name, structName string }{
	{"", "Config"},
	{"runners", "RunnerConfig"},
	{"runners.docker", "DockerConfig"},
	{"runners.kubernetes", "KubernetesConfig"},
	{"runners.kubernetes.pod_security_context", "KubernetesPodSecurityContext"},
	{"runners.kubernetes.*_container_security_context", "KubernetesContainerSecurityContext"},
	{"runners.kubernetes.*.capabilities", "KubernetesContainerCapabilities"},
	{"runners.kubernetes.*.seccomp_profile", "KubernetesSeccompProfile"},
	{"runners.kubernetes.*.app_armor_profile", "KubernetesAppArmorProfile"},
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: configkeys common/config.go [header lines]")
		os.Exit(2)
	}
	structs := map[string]*ast.StructType{}
	// docker.Credentials, embedded in DockerConfig, is the only struct from another package
	for _, path := range []string{"common/config.go", "helpers/docker/credentials.go"} {
		file, err := parser.ParseFile(token.NewFileSet(), os.Args[1]+"/"+path, nil, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pkg := file.Name.Name + "."
		if path == "common/config.go" {
			pkg = ""
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if spec, ok := n.(*ast.TypeSpec); ok {
				if st, ok := spec.Type.(*ast.StructType); ok {
					structs[pkg+spec.Name.Name] = st
				}
			}
			return true
		})
	}
	for _, line := range os.Args[2:] {
		fmt.Println("# " + line)
	}
	for _, table := range tables {
		keys := unique(keysOf(structs, table.structName))
		label := table.name
		if label == "" {
			label = "(top level)"
		}
		fmt.Printf("[%s]\n", label)
		for _, key := range keys {
			fmt.Println(key)
		}
	}
}

func keysOf(structs map[string]*ast.StructType, name string) []string {
	st, ok := structs[name]
	if !ok {
		fmt.Fprintln(os.Stderr, "no struct "+name+" in config.go")
		os.Exit(1)
	}
	var keys []string
	for _, field := range st.Fields.List {
		tag := ""
		if field.Tag != nil {
			tag = reflect.StructTag(strings.Trim(field.Tag.Value, "`")).Get("toml")
		}
		key := strings.Split(tag, ",")[0]
		if key == "-" {
			continue
		}
		if len(field.Names) == 0 && key == "" { // embedded: inline
			switch t := field.Type.(type) {
			case *ast.Ident:
				keys = append(keys, keysOf(structs, t.Name)...)
			case *ast.SelectorExpr:
				keys = append(keys, keysOf(structs, t.X.(*ast.Ident).Name+"."+t.Sel.Name)...)
			}
			continue
		}
		if key == "" {
			for _, n := range field.Names {
				key = n.Name // BurntSushi/toml falls back to the field name
			}
		}
		keys = append(keys, key)
	}
	return keys
}

func unique(keys []string) []string {
	sort.Strings(keys)
	var out []string
	for i, key := range keys {
		if i == 0 || key != keys[i-1] {
			out = append(out, key)
		}
	}
	return out
}
